#include "prometheus/ExpositionParser.h"

#include "prometheus/SampleLineReader.h"

#include <QHash>

#include <cstring>

namespace lmcf {

namespace {

// What the TYPE line said, before mapping OpenMetrics types onto 0.0.4 ones.
enum class Declared { None, Counter, Gauge, Histogram, Summary, Untyped, Info, GaugeHistogram };

struct DeclaredName {
    QByteArrayView text;
    Declared declared;
    MetricType type;
};

constexpr DeclaredName kTypeNames[] = {
    {"counter", Declared::Counter, MetricType::Counter},
    {"gauge", Declared::Gauge, MetricType::Gauge},
    {"histogram", Declared::Histogram, MetricType::Histogram},
    {"summary", Declared::Summary, MetricType::Summary},
    {"untyped", Declared::Untyped, MetricType::Untyped},
    {"unknown", Declared::Untyped, MetricType::Untyped},
    {"stateset", Declared::Gauge, MetricType::Gauge},
    {"info", Declared::Info, MetricType::Gauge},
    {"gaugehistogram", Declared::GaugeHistogram, MetricType::Gauge},
};

constexpr QByteArrayView kSuffixes[] = {"_total", "_created", "_bucket", "_sum",
                                        "_count", "_info",    "_gcount", "_gsum"};

struct FamilyMeta {
    QByteArray baseName; // the name on the TYPE/HELP line
    Declared declared = Declared::None;
    bool typed = false;
    bool helped = false;
    int typeLine = 0;
    int helpLine = 0;
};

constexpr int kDrop = -1;
constexpr int kNoMatch = -2;
constexpr int kRefused = -3;

bool isOpenMetricsText(QByteArrayView text) {
    while (!text.isEmpty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.chop(1);
    if (!text.endsWith("# EOF"))
        return false;
    return text.size() == 5 || text[text.size() - 6] == '\n';
}

// HELP text uses the label-value escapes (OpenMetrics also allows \" there).
QByteArray unescapeHelp(QByteArrayView text) {
    return Sample::unescapeValue(text);
}

class DocumentParser final {
public:
    DocumentParser(QByteArrayView text, bool openMetrics)
        : m_text(text)
        , m_openMetrics(openMetrics) {}

    Outcome<Exposition> run();

private:
    QString handleLine(QByteArrayView line, bool &eof);
    QString handleComment(QByteArrayView line, bool &eof);
    QString handleMetadata(QByteArrayView keyword, QByteArrayView name, QByteArrayView rest);
    QString handleType(const QByteArray &name, int family, QByteArrayView typeText);
    QString handleSample(QByteArrayView line);
    QString checkSample(int family, const Sample &sample,
                        const SampleLineReader::Bounds &bounds) const;
    int route(int family, const QByteArray &sampleName);
    int routeAnywhere(const QByteArray &sampleName);
    int addFamily(const QByteArray &name, MetricType type, Declared declared);
    bool renameEmpty(int family, const QByteArray &newName);
    void removeGaugeHistogramBases();

    QByteArrayView m_text;
    bool m_openMetrics;
    int m_line = 0;
    int m_current = -1;
    int m_lastSampleFamily = -1;
    Exposition m_out;
    QList<FamilyMeta> m_meta;
    QHash<QByteArray, int> m_index;
};

Outcome<Exposition> DocumentParser::run() {
    const char *pos = m_text.data();
    const char *end = pos + m_text.size();
    bool eof = false;
    while (pos < end) {
        const char *newline = static_cast<const char *>(std::memchr(pos, '\n', end - pos));
        const char *lineEnd = newline ? newline : end;
        QByteArrayView line(pos, lineEnd - pos);
        pos = newline ? newline + 1 : end;
        ++m_line;
        if (!line.isEmpty() && line.back() == '\r')
            line.chop(1);
        if (eof) {
            if (!line.trimmed().isEmpty())
                return Outcome<Exposition>::failure(
                    QStringLiteral("line %1: text after # EOF").arg(m_line));
            continue;
        }
        if (QString error = handleLine(line, eof); !error.isNull())
            return Outcome<Exposition>::failure(QStringLiteral("line %1: ").arg(m_line) + error);
    }
    removeGaugeHistogramBases();
    return Outcome<Exposition>::success(std::move(m_out));
}

QString DocumentParser::handleLine(QByteArrayView line, bool &eof) {
    qsizetype first = 0;
    while (first < line.size() && (line[first] == ' ' || line[first] == '\t'))
        ++first;
    if (first == line.size())
        return {};
    if (line[first] == '#')
        return handleComment(line.sliced(first + 1), eof);
    return handleSample(line.sliced(first));
}

QString DocumentParser::handleComment(QByteArrayView line, bool &eof) {
    const auto nextToken = [&line]() {
        qsizetype i = 0;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        qsizetype j = i;
        while (j < line.size() && line[j] != ' ' && line[j] != '\t')
            ++j;
        const QByteArrayView token = line.sliced(i, j - i);
        line = line.sliced(j);
        return token;
    };
    const QByteArrayView keyword = nextToken();
    if (keyword == "EOF" && line.trimmed().isEmpty()) {
        eof = true;
        return {};
    }
    if (keyword != "HELP" && keyword != "TYPE" && keyword != "UNIT")
        return {}; // an ordinary comment
    const QByteArrayView name = nextToken();
    if (!SampleLineReader::isMetricName(name))
        return QStringLiteral("invalid metric name in # %1").arg(QString::fromLatin1(keyword));
    if (!line.isEmpty())
        line = line.sliced(1); // the one blank separating name and text
    return handleMetadata(keyword, name, line);
}

QString DocumentParser::handleMetadata(QByteArrayView keyword, QByteArrayView name,
                                       QByteArrayView rest) {
    const QByteArray key = name.toByteArray();
    int family = m_index.value(key, -1);
    if (keyword == "TYPE")
        return handleType(key, family, rest.trimmed());
    if (family < 0)
        family = addFamily(key, MetricType::Untyped, Declared::None);
    m_current = family;
    MetricFamily &target = m_out.families[family];
    if (keyword == "UNIT") {
        target.unit = rest.trimmed().toByteArray();
        return {};
    }
    if (m_meta[family].helped)
        return QStringLiteral("second HELP for %1 (first on line %2)")
            .arg(QString::fromLatin1(key))
            .arg(m_meta[family].helpLine);
    if (!target.samples.isEmpty())
        return QStringLiteral("HELP for %1 after its samples").arg(QString::fromLatin1(key));
    if (!SampleLineReader::isUtf8(rest))
        return QStringLiteral("HELP text is not UTF-8");
    target.help = unescapeHelp(rest);
    m_meta[family].helped = true;
    m_meta[family].helpLine = m_line;
    return {};
}

QString DocumentParser::handleType(const QByteArray &name, int family, QByteArrayView typeText) {
    const DeclaredName *found = nullptr;
    for (const DeclaredName &candidate : kTypeNames)
        if (candidate.text == typeText)
            found = &candidate;
    if (!found)
        return QStringLiteral("unknown metric type for %1").arg(QString::fromLatin1(name));
    if (family >= 0 && m_meta[family].typed)
        return QStringLiteral("second TYPE for %1 (first on line %2)")
            .arg(QString::fromLatin1(name))
            .arg(m_meta[family].typeLine);
    if (family >= 0 && !m_out.families[family].samples.isEmpty())
        return QStringLiteral("TYPE for %1 after its samples").arg(QString::fromLatin1(name));
    if (family < 0)
        family = addFamily(name, found->type, found->declared);
    m_out.families[family].type = found->type;
    m_meta[family].declared = found->declared;
    m_meta[family].typed = true;
    m_meta[family].typeLine = m_line;
    m_current = family;
    return {};
}

QString DocumentParser::handleSample(QByteArrayView line) {
    const Sample *previous = nullptr;
    if (m_lastSampleFamily >= 0 && !m_out.families[m_lastSampleFamily].samples.isEmpty())
        previous = &std::as_const(m_out.families[m_lastSampleFamily].samples).back();
    Sample sample;
    SampleLineReader::Bounds bounds;
    if (QString error = SampleLineReader::read(line, m_openMetrics, previous, sample, &bounds);
        !error.isNull())
        return error;
    int family = m_current >= 0 ? route(m_current, sample.name) : kNoMatch;
    if (family == kNoMatch)
        family = routeAnywhere(sample.name);
    if (family == kDrop)
        return {};
    if (family == kRefused)
        return QStringLiteral("sample %1 does not fit the type of family %1")
            .arg(QString::fromLatin1(sample.name));
    if (QString error = checkSample(family, sample, bounds); !error.isNull())
        return error;
    m_out.families[family].samples.append(std::move(sample));
    m_current = family;
    m_lastSampleFamily = family;
    return {};
}

QString DocumentParser::checkSample(int family, const Sample &sample,
                                    const SampleLineReader::Bounds &bounds) const {
    const MetricFamily &target = m_out.families[family];
    const char *required = nullptr;
    QByteArrayView bound;
    if (target.type == MetricType::Histogram && sample.name.endsWith("_bucket")) {
        required = "le";
        bound = bounds.le;
    } else if (target.type == MetricType::Summary && sample.name == target.name) {
        required = "quantile";
        bound = bounds.quantile;
    }
    if (!required)
        return {};
    if (bound.isNull())
        return QStringLiteral("%1 sample without %2 label")
            .arg(QString::fromLatin1(metricTypeName(target.type)), QLatin1StringView(required));
    double parsed = 0;
    if (!SampleLineReader::parseValue(bound, parsed))
        return QStringLiteral("invalid %1 value").arg(QLatin1StringView(required));
    return {};
}

// Which family takes `sampleName` when `family` is the one being read: its index, kDrop for
// samples 0.0.4 has no place for, or kNoMatch.
int DocumentParser::route(int family, const QByteArray &sampleName) {
    const FamilyMeta &meta = m_meta[family];
    const QByteArray &name = m_out.families[family].name;
    if (sampleName == name && meta.declared != Declared::Histogram &&
        meta.declared != Declared::GaugeHistogram && meta.declared != Declared::Info)
        return family;
    const QByteArrayView base = meta.baseName;
    if (!sampleName.startsWith(base))
        return kNoMatch;
    const QByteArrayView suffix = QByteArrayView(sampleName).sliced(base.size());
    switch (meta.declared) {
    case Declared::Counter:
        if (suffix == "_created")
            return kDrop;
        if (suffix == "_total")
            return renameEmpty(family, sampleName) ? family : kNoMatch;
        return kNoMatch;
    case Declared::Info:
        if (suffix == "_info")
            return renameEmpty(family, sampleName) ? family : kNoMatch;
        return kNoMatch;
    case Declared::Histogram:
        if (suffix == "_created")
            return kDrop;
        return suffix == "_bucket" || suffix == "_sum" || suffix == "_count" ? family : kNoMatch;
    case Declared::Summary:
        if (suffix == "_created")
            return kDrop;
        return suffix == "_sum" || suffix == "_count" ? family : kNoMatch;
    case Declared::GaugeHistogram: {
        if (suffix == "_created")
            return kDrop;
        if (suffix != "_bucket" && suffix != "_gcount" && suffix != "_gsum")
            return kNoMatch;
        int derived = m_index.value(sampleName, -1);
        if (derived < 0) {
            derived = addFamily(sampleName, MetricType::Gauge, Declared::Gauge);
            m_out.families[derived].help = m_out.families[family].help;
            m_meta[derived].typed = true;
        }
        return m_meta[derived].baseName == sampleName ? derived : kNoMatch;
    }
    default:
        return kNoMatch;
    }
}

int DocumentParser::routeAnywhere(const QByteArray &sampleName) {
    if (const int exact = m_index.value(sampleName, -1); exact >= 0) {
        if (const int routed = route(exact, sampleName); routed != kNoMatch)
            return routed;
    }
    for (const QByteArrayView suffix : kSuffixes) {
        if (!sampleName.endsWith(suffix))
            continue;
        const int base = m_index.value(sampleName.chopped(suffix.size()), -1);
        if (base < 0)
            continue;
        if (const int routed = route(base, sampleName); routed != kNoMatch)
            return routed;
    }
    if (m_index.contains(sampleName))
        return kRefused; // e.g. a plain `foo` sample under `# TYPE foo histogram`
    return addFamily(sampleName, MetricType::Untyped, Declared::None);
}

int DocumentParser::addFamily(const QByteArray &name, MetricType type, Declared declared) {
    MetricFamily family;
    family.name = name;
    family.type = type;
    m_out.families.append(std::move(family));
    FamilyMeta meta;
    meta.baseName = name;
    meta.declared = declared;
    m_meta.append(meta);
    const int index = int(m_out.families.size() - 1);
    m_index.insert(name, index);
    return index;
}

bool DocumentParser::renameEmpty(int family, const QByteArray &newName) {
    MetricFamily &target = m_out.families[family];
    if (target.name == newName)
        return true;
    if (!target.samples.isEmpty() || m_index.contains(newName))
        return false;
    target.name = newName;
    m_index.insert(newName, family);
    return true;
}

void DocumentParser::removeGaugeHistogramBases() {
    for (qsizetype i = m_out.families.size() - 1; i >= 0; --i)
        if (m_meta[i].declared == Declared::GaugeHistogram)
            m_out.families.removeAt(i);
}

} // namespace

Outcome<Exposition> ExpositionParser::parse(QByteArrayView text, Format format) {
    const bool openMetrics =
        format == Format::OpenMetrics || (format == Format::Auto && isOpenMetricsText(text));
    return DocumentParser(text, openMetrics).run();
}

ExpositionParser::Format ExpositionParser::formatFromContentType(QByteArrayView contentType) {
    const QByteArray lower = contentType.toByteArray().toLower();
    if (lower.contains("application/openmetrics-text"))
        return Format::OpenMetrics;
    if (lower.contains("text/plain"))
        return Format::Text004;
    return Format::Auto;
}

} // namespace lmcf
