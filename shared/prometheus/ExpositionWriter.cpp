#include "prometheus/ExpositionWriter.h"

#include <charconv>
#include <cmath>

namespace lmcf {

namespace {

void appendHelp(TextOutput &out, QByteArrayView help) {
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
    QByteArray text;
    text.reserve(exposition.sampleCount() * 80 + exposition.families.size() * 120);
    TextOutput out(text);
    for (const MetricFamily &family : exposition.families) {
        appendHeader(out, family, family.type);
        for (const Sample &sample : family.samples)
            appendSample(out, sample);
    }
    out.finish();
    return text;
}

void ExpositionWriter::appendHeader(TextOutput &out, const MetricFamily &family, MetricType type) {
    if (!family.help.isEmpty()) {
        out.append("# HELP ");
        out.append(family.name);
        out.append(' ');
        appendHelp(out, family.help);
        out.append('\n');
    }
    if (!family.unit.isEmpty()) {
        out.append("# UNIT ");
        out.append(family.name);
        out.append(' ');
        out.append(family.unit);
        out.append('\n');
    }
    out.append("# TYPE ");
    out.append(family.name);
    out.append(' ');
    out.append(metricTypeName(type));
    out.append('\n');
}

void ExpositionWriter::appendSample(TextOutput &out, const Sample &sample) {
    out.append(sample.name);
    if (!sample.labelText.isEmpty()) {
        out.append('{');
        out.append(sample.labelText);
        out.append('}');
    }
    appendValueAndTimestamp(out, sample);
}

void ExpositionWriter::appendLabelValue(TextOutput &out, QByteArrayView value) {
    const char *start = value.data();
    const char *end = start + value.size();
    for (const char *p = start; p < end; ++p) {
        const char c = *p;
        if (c != '\\' && c != '"' && c != '\n')
            continue;
        out.append(start, p - start);
        if (c == '\n')
            out.append("\\n");
        else if (c == '"')
            out.append("\\\"");
        else
            out.append("\\\\");
        start = p + 1;
    }
    out.append(start, end - start);
}

void ExpositionWriter::appendValue(TextOutput &out, double value) {
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

void ExpositionWriter::appendValueAndTimestamp(TextOutput &out, const Sample &sample) {
    out.append(' ');
    appendValue(out, sample.value);
    if (sample.timestampMs) {
        char buffer[24];
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, *sample.timestampMs);
        out.append(' ');
        out.append(buffer, result.ptr - buffer);
    }
    out.append('\n');
}

} // namespace lmcf
