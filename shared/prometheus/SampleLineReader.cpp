#include "prometheus/SampleLineReader.h"

#include <QVarLengthArray>

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace lmcf {

namespace {

// Character classes: 1 = may start a name, 2 = may continue one, 4 = ':' (metric names only).
constexpr auto kClasses = [] {
    std::array<unsigned char, 256> classes{};
    for (int c = 0; c < 256; ++c) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        classes[size_t(c)] = (letter ? 3 : 0) | (digit ? 2 : 0) | (c == ':' ? 4 : 0);
    }
    return classes;
}();

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}
unsigned char classOf(char c) {
    return kClasses[static_cast<unsigned char>(c)];
}

// Cursor over one line; every read stops at the end, so no access is ever out of range.
struct Cursor {
    const char *pos;
    const char *end;

    bool atEnd() const { return pos == end; }
    char peek() const { return pos < end ? *pos : '\0'; }
    void skipBlanks() {
        while (pos < end && isBlank(*pos))
            ++pos;
    }
    QByteArrayView token() {
        const char *start = pos;
        while (pos < end && !isBlank(*pos))
            ++pos;
        return QByteArrayView(start, pos - start);
    }
    QByteArrayView name(bool metric) {
        const unsigned char startMask = metric ? 1 | 4 : 1;
        const unsigned char charMask = metric ? 2 | 4 : 2;
        const char *start = pos;
        if (pos < end && (classOf(*pos) & startMask))
            ++pos;
        else
            return {};
        while (pos < end && (classOf(*pos) & charMask))
            ++pos;
        return QByteArrayView(start, pos - start);
    }
};

using LabelPieces = QVarLengthArray<std::pair<QByteArrayView, QByteArrayView>, 16>;

// Reads an escaped label value up to its closing quote (cur ends past it); `raw` is the value
// as written, whose escapes are already the canonical ones.
bool hasHighBit(const char *begin, const char *end) {
    unsigned char seen = 0;
    for (const char *p = begin; p < end; ++p)
        seen |= static_cast<unsigned char>(*p);
    return seen & 0x80;
}

// The usual value has no backslash: two memchr scans instead of a byte loop.
bool readPlainLabelValue(Cursor &cur, QByteArrayView &raw) {
    const char *start = cur.pos;
    const auto *quote = static_cast<const char *>(std::memchr(start, '"', size_t(cur.end - start)));
    if (!quote || quote - start > SampleLineReader::MaxLabelValueBytes ||
        std::memchr(start, '\\', size_t(quote - start)) || hasHighBit(start, quote))
        return false;
    raw = QByteArrayView(start, quote - start);
    cur.pos = quote + 1;
    return true;
}

QString readLabelValue(Cursor &cur, QByteArrayView &raw) {
    if (readPlainLabelValue(cur, raw))
        return {};
    const char *start = cur.pos;
    const char *p = start;
    unsigned char seen = 0;
    while (p < cur.end && *p != '"') {
        if (*p == '\\') {
            if (p + 1 == cur.end)
                break;
            const char next = p[1];
            if (next != '\\' && next != '"' && next != 'n')
                return QStringLiteral("invalid escape \\%1 in label value")
                    .arg(QString::fromLatin1(QByteArrayView(p + 1, 1)).toHtmlEscaped());
            p += 2;
            continue;
        }
        seen |= static_cast<unsigned char>(*p++);
    }
    if (p - start > SampleLineReader::MaxLabelValueBytes)
        return QStringLiteral("label value longer than %1 bytes")
            .arg(SampleLineReader::MaxLabelValueBytes);
    if (p >= cur.end)
        return QStringLiteral("label value not closed");
    raw = QByteArrayView(start, p - start);
    if ((seen & 0x80) && !SampleLineReader::isUtf8(raw))
        return QStringLiteral("label value is not UTF-8");
    cur.pos = p + 1;
    return {};
}

QString readLabelPair(Cursor &cur, LabelPieces &pieces) {
    const QByteArrayView name = cur.name(false);
    if (name.isEmpty())
        return cur.atEnd() ? QStringLiteral("label set not closed")
                           : QStringLiteral("invalid label name");
    cur.skipBlanks();
    if (cur.peek() != '=')
        return QStringLiteral("expected = after label name");
    ++cur.pos;
    cur.skipBlanks();
    if (cur.peek() != '"')
        return QStringLiteral("expected \" to open the label value");
    ++cur.pos;
    if (pieces.size() >= SampleLineReader::MaxLabels)
        return QStringLiteral("more than %1 labels").arg(SampleLineReader::MaxLabels);
    QByteArrayView raw;
    if (QString error = readLabelValue(cur, raw); !error.isNull())
        return error;
    for (const auto &piece : std::as_const(pieces))
        if (piece.first == name)
            return QStringLiteral("duplicate label name %1").arg(QString::fromLatin1(name));
    pieces.append({name, raw});
    return {};
}

// Reads `{...}` into the canonical label text: a slice of the input when it is already
// canonical (the usual case), else the pieces joined.
QString readLabels(Cursor &cur, QByteArray &labelText, SampleLineReader::Bounds *bounds) {
    const char *open = ++cur.pos; // past '{'
    LabelPieces pieces;
    qsizetype canonicalSize = -1;
    for (;;) {
        cur.skipBlanks();
        if (cur.peek() == '}')
            break;
        if (QString error = readLabelPair(cur, pieces); !error.isNull())
            return error;
        canonicalSize += pieces.back().first.size() + pieces.back().second.size() + 4;
        cur.skipBlanks();
        if (cur.peek() == ',')
            ++cur.pos;
        else if (cur.peek() != '}')
            return cur.atEnd() ? QStringLiteral("label set not closed")
                               : QStringLiteral("expected , or } after a label");
    }
    if (bounds) {
        for (const auto &[name, raw] : std::as_const(pieces)) {
            if (name == "le")
                bounds->le = raw;
            else if (name == "quantile")
                bounds->quantile = raw;
        }
    }
    const qsizetype written = cur.pos - open;
    ++cur.pos; // past '}'
    if (pieces.isEmpty()) {
        labelText.clear();
    } else if (written == canonicalSize) {
        labelText = QByteArray(open, written);
    } else {
        labelText.clear();
        labelText.reserve(canonicalSize);
        for (const auto &[name, raw] : std::as_const(pieces)) {
            if (!labelText.isEmpty())
                labelText.append(',');
            labelText.append(name).append("=\"").append(raw).append('"');
        }
    }
    return {};
}

// Plain `digits[.digits]` with at most 15 significant digits: m / 10^k is then correctly
// rounded (both exact doubles, one division), so the common case skips from_chars.
bool parseSimpleDecimal(const char *begin, const char *end, double &value) {
    static constexpr double kPowers[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                         1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    quint64 mantissa = 0;
    int digits = 0;
    int fraction = -1;
    for (const char *p = begin; p < end; ++p) {
        if (*p >= '0' && *p <= '9') {
            mantissa = mantissa * 10 + quint64(*p - '0');
            if (++digits > 15)
                return false;
            if (fraction >= 0)
                ++fraction;
        } else if (*p == '.' && fraction < 0) {
            fraction = 0;
        } else {
            return false;
        }
    }
    if (digits == 0)
        return false;
    value = double(mantissa) / kPowers[fraction < 0 ? 0 : fraction];
    return true;
}

bool parseDecimal(const char *begin, const char *end, bool negative, double &value) {
    if (parseSimpleDecimal(begin, end, value)) {
        if (negative)
            value = -value;
        return true;
    }
    const auto [stop, ec] = std::from_chars(begin, end, value);
    if (stop != end || (ec != std::errc() && ec != std::errc::result_out_of_range))
        return false;
    if (ec == std::errc::result_out_of_range) // Go's ParseFloat gives ±Inf or 0 here as well
        value = std::fabs(value) < 1 ? 0.0 : std::numeric_limits<double>::infinity();
    if (negative)
        value = -value;
    return true;
}

bool parseTimestamp(QByteArrayView text, bool openMetrics, qint64 &ms) {
    if (!openMetrics) {
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
        return ec == std::errc() && end == text.data() + text.size();
    }
    double seconds = 0;
    if (!SampleLineReader::parseValue(text, seconds) || !std::isfinite(seconds) ||
        std::fabs(seconds) > 9.0e15)
        return false;
    ms = std::llround(seconds * 1000.0);
    return true;
}

} // namespace

bool SampleLineReader::parseValue(QByteArrayView text, double &value) {
    const char *begin = text.data();
    const char *end = begin + text.size();
    bool negative = false;
    if (begin < end && (*begin == '+' || *begin == '-')) {
        negative = *begin == '-';
        ++begin;
    }
    if (begin == end || *begin == '+' || *begin == '-')
        return false;
    if ((*begin >= '0' && *begin <= '9') || *begin == '.')
        return parseDecimal(begin, end, negative, value);
    const QByteArrayView body(begin, end - begin);
    if (body.compare("inf", Qt::CaseInsensitive) == 0 ||
        body.compare("infinity", Qt::CaseInsensitive) == 0) {
        value = negative ? -std::numeric_limits<double>::infinity()
                         : std::numeric_limits<double>::infinity();
        return true;
    }
    if (body.compare("nan", Qt::CaseInsensitive) == 0) {
        value = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    return false; // from_chars would also take nan(...) forms we refuse
}

bool SampleLineReader::isMetricName(QByteArrayView name) {
    Cursor cur{name.data(), name.data() + name.size()};
    return !name.isEmpty() && cur.name(true).size() == name.size();
}

bool SampleLineReader::isLabelName(QByteArrayView name) {
    Cursor cur{name.data(), name.data() + name.size()};
    return !name.isEmpty() && cur.name(false).size() == name.size();
}

bool SampleLineReader::isUtf8(QByteArrayView text) {
    const auto *p = reinterpret_cast<const unsigned char *>(text.data());
    const auto *end = p + text.size();
    while (p < end) {
        const unsigned char c = *p++;
        if (c < 0x80)
            continue;
        int more = 0;
        unsigned min = 0;
        unsigned code = 0;
        if ((c & 0xE0) == 0xC0) {
            more = 1, min = 0x80, code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            more = 2, min = 0x800, code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            more = 3, min = 0x10000, code = c & 0x07;
        } else {
            return false;
        }
        if (end - p < more)
            return false;
        for (int i = 0; i < more; ++i, ++p) {
            if ((*p & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (*p & 0x3F);
        }
        if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return false;
    }
    return true;
}

QString SampleLineReader::read(QByteArrayView line, bool openMetrics, const Sample *previous,
                               Sample &out, Bounds *bounds) {
    Cursor cur{line.data(), line.data() + line.size()};
    const QByteArrayView name = cur.name(true);
    if (name.isEmpty())
        return QStringLiteral("invalid metric name");
    if (previous && QByteArrayView(previous->name) == name)
        out.name = previous->name; // consecutive samples share their name's bytes
    else
        out.name = name.toByteArray();
    out.labelText.clear();
    out.timestampMs.reset();
    cur.skipBlanks();
    if (cur.peek() == '{') {
        if (QString error = readLabels(cur, out.labelText, bounds); !error.isNull())
            return error;
        cur.skipBlanks();
    } else if (cur.pos == name.data() + name.size() && !cur.atEnd()) {
        return QStringLiteral("invalid character after metric name");
    }
    if (cur.atEnd())
        return QStringLiteral("missing sample value");
    if (!parseValue(cur.token(), out.value))
        return QStringLiteral("invalid sample value");
    cur.skipBlanks();
    if (!cur.atEnd() && cur.peek() != '#') {
        qint64 ms = 0;
        if (!parseTimestamp(cur.token(), openMetrics, ms))
            return QStringLiteral("invalid timestamp");
        out.timestampMs = ms;
        cur.skipBlanks();
    }
    // Exemplars (` # {...} value [ts]`) are tolerated and dropped.
    if (!cur.atEnd() && cur.peek() != '#')
        return QStringLiteral("unexpected text after the sample");
    return {};
}

} // namespace lmcf
