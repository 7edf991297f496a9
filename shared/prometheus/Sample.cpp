#include "prometheus/Sample.h"

#include "prometheus/ExpositionWriter.h"

namespace lmcf {

namespace {

// Walks `name="escaped",...`; calls visit(name, escapedValue) until it returns false.
template <typename Visit> void forEachLabel(QByteArrayView text, Visit visit) {
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype equals = text.indexOf("=\"", i);
        if (equals < 0)
            return;
        qsizetype end = equals + 2;
        while (end < text.size() && text[end] != '"')
            end += text[end] == '\\' ? 2 : 1;
        if (end >= text.size())
            return;
        if (!visit(text.sliced(i, equals - i), text.sliced(equals + 2, end - equals - 2)))
            return;
        i = end + 2; // past `",`
    }
}

} // namespace

QList<Label> Sample::labels() const {
    QList<Label> result;
    forEachLabel(labelText, [&result](QByteArrayView name, QByteArrayView value) {
        result.append({name.toByteArray(), unescapeValue(value)});
        return true;
    });
    return result;
}

std::optional<QByteArrayView> Sample::escapedLabel(QByteArrayView name) const {
    // In canonical text `<name>="` can only start a label: a quote inside a value is escaped.
    const QByteArrayView text = labelText;
    qsizetype at = -1;
    if (text.startsWith(name) && text.sliced(name.size()).startsWith("=\""))
        at = 0;
    for (qsizetype from = 0; at < 0;) {
        const qsizetype comma = text.indexOf(',', from);
        if (comma < 0)
            return std::nullopt;
        const QByteArrayView rest = text.sliced(comma + 1);
        if (rest.startsWith(name) && rest.sliced(name.size()).startsWith("=\""))
            at = comma + 1;
        from = comma + 1;
    }
    const qsizetype begin = at + name.size() + 2;
    qsizetype end = begin;
    while (end < text.size() && text[end] != '"')
        end += text[end] == '\\' ? 2 : 1;
    if (end >= text.size())
        return std::nullopt;
    return text.sliced(begin, end - begin);
}

std::optional<QByteArray> Sample::label(QByteArrayView name) const {
    if (const auto escaped = escapedLabel(name))
        return unescapeValue(*escaped);
    return std::nullopt;
}

bool Sample::hasLabel(QByteArrayView name) const {
    return escapedLabel(name).has_value();
}

void Sample::setLabels(const QList<Label> &labels) {
    labelText = encodeLabels(labels);
}

QByteArray Sample::encodeLabels(const QList<Label> &labels) {
    QByteArray text;
    TextOutput out(text);
    for (const Label &label : labels) {
        if (&label != &labels.front())
            out.append(',');
        out.append(label.name);
        out.append("=\"");
        ExpositionWriter::appendLabelValue(out, label.value);
        out.append('"');
    }
    out.finish();
    return text;
}

QByteArray Sample::unescapeValue(QByteArrayView escaped) {
    if (!escaped.contains('\\'))
        return escaped.toByteArray();
    QByteArray out;
    out.reserve(escaped.size());
    for (qsizetype i = 0; i < escaped.size(); ++i) {
        const char c = escaped[i];
        if (c == '\\' && i + 1 < escaped.size()) {
            const char next = escaped[i + 1];
            if (next == '\\' || next == '"' || next == 'n') {
                out.append(next == 'n' ? '\n' : next);
                ++i;
                continue;
            }
        }
        out.append(c);
    }
    return out;
}

} // namespace lmcf
