#include "prometheus/ExpositionWriter.h"

#include <charconv>
#include <cmath>

namespace lmcf {

namespace {

void appendHelp(QByteArray &out, QByteArrayView help) {
    for (const char c : help) {
        if (c == '\\')
            out.append("\\\\");
        else if (c == '\n')
            out.append("\\n");
        else
            out.append(c);
    }
}

} // namespace

QByteArray ExpositionWriter::write(const Exposition &exposition) {
    QByteArray out;
    out.reserve(exposition.sampleCount() * 80 + exposition.families.size() * 120);
    for (const MetricFamily &family : exposition.families) {
        appendHeader(out, family, family.type);
        for (const Sample &sample : family.samples)
            appendSample(out, sample);
    }
    return out;
}

void ExpositionWriter::appendHeader(QByteArray &out, const MetricFamily &family, MetricType type) {
    if (!family.help.isEmpty()) {
        out.append("# HELP ").append(family.name).append(' ');
        appendHelp(out, family.help);
        out.append('\n');
    }
    if (!family.unit.isEmpty())
        out.append("# UNIT ").append(family.name).append(' ').append(family.unit).append('\n');
    out.append("# TYPE ").append(family.name).append(' ').append(metricTypeName(type));
    out.append('\n');
}

void ExpositionWriter::appendSample(QByteArray &out, const Sample &sample) {
    out.append(sample.name);
    if (!sample.labels.isEmpty()) {
        char separator = '{';
        for (const Label &label : sample.labels) {
            out.append(separator).append(label.name).append("=\"");
            appendLabelValue(out, label.value);
            out.append('"');
            separator = ',';
        }
        out.append('}');
    }
    appendValueAndTimestamp(out, sample);
}

void ExpositionWriter::appendLabelValue(QByteArray &out, QByteArrayView value) {
    qsizetype start = 0;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c != '\\' && c != '"' && c != '\n')
            continue;
        out.append(value.sliced(start, i - start));
        out.append(c == '\n' ? "\\n" : c == '"' ? "\\\"" : "\\\\");
        start = i + 1;
    }
    out.append(value.sliced(start));
}

void ExpositionWriter::appendValue(QByteArray &out, double value) {
    if (std::isnan(value)) {
        out.append("NaN");
        return;
    }
    if (std::isinf(value)) {
        out.append(value > 0 ? "+Inf" : "-Inf");
        return;
    }
    char buffer[32];
    std::to_chars_result result;
    constexpr double exactIntegers = 9007199254740992.0; // 2^53
    if (value == std::trunc(value) && std::fabs(value) <= exactIntegers &&
        !(value == 0 && std::signbit(value)))
        result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<qint64>(value));
    else
        result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr - buffer);
}

void ExpositionWriter::appendValueAndTimestamp(QByteArray &out, const Sample &sample) {
    out.append(' ');
    appendValue(out, sample.value);
    if (sample.timestampMs) {
        char buffer[24];
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, *sample.timestampMs);
        out.append(' ').append(buffer, result.ptr - buffer);
    }
    out.append('\n');
}

} // namespace lmcf
