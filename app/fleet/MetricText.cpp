#include "fleet/MetricText.h"

#include "prometheus/ExpositionParser.h"

#include <QHash>

namespace lmcf {

namespace {

//! Reads `{a="x",b="y"}` starting at `pos` (on the `{`); false on a malformed set.
bool readLabels(const QString &line, qsizetype &pos, QList<QPair<QString, QString>> &labels) {
    ++pos; // '{'
    while (pos < line.size()) {
        while (pos < line.size() && (line[pos] == u' ' || line[pos] == u','))
            ++pos;
        if (pos < line.size() && line[pos] == u'}') {
            ++pos;
            return true;
        }
        const qsizetype eq = line.indexOf(u'=', pos);
        if (eq < 0 || eq + 1 >= line.size() || line[eq + 1] != u'"')
            return false;
        const QString key = line.mid(pos, eq - pos).trimmed();
        QString value;
        qsizetype i = eq + 2;
        for (; i < line.size() && line[i] != u'"'; ++i) {
            if (line[i] == u'\\' && i + 1 < line.size()) {
                ++i;
                value += line[i] == u'n' ? QChar(u'\n') : line[i];
            } else {
                value += line[i];
            }
        }
        if (i >= line.size())
            return false;
        labels.append({key, value});
        pos = i + 1;
    }
    return false;
}

//! The family a sample belongs to, for looking up its TYPE.
QString familyOf(const QString &name, const QHash<QString, QString> &types) {
    if (types.contains(name))
        return name;
    for (const char *suffix : {"_bucket", "_sum", "_count", "_total", "_created"}) {
        const QLatin1String s(suffix);
        if (name.endsWith(s) && types.contains(name.chopped(s.size())))
            return name.chopped(s.size());
    }
    return name;
}

} // namespace

MetricText::Parsed MetricText::parse(const QByteArray &text) {
    // The strict shared parser first (the one place the format is parsed properly); when it
    // refuses the document, the lenient reader below still shows every line it can read.
    if (const auto exposition = ExpositionParser::parse(text); exposition.ok()) {
        Parsed parsed;
        parsed.samples.reserve(exposition->sampleCount());
        for (const MetricFamily &family : exposition->families) {
            const QString type = QString::fromLatin1(metricTypeName(family.type));
            for (const Sample &sample : family.samples) {
                MetricSample row;
                row.name = QString::fromUtf8(sample.name);
                row.type = type;
                row.value = sample.value;
                const QList<Label> labels = sample.labels();
                row.labels.reserve(labels.size());
                for (const Label &label : labels)
                    row.labels.append(
                        {QString::fromUtf8(label.name), QString::fromUtf8(label.value)});
                parsed.samples << row;
            }
        }
        return parsed;
    }
    return parseLeniently(text);
}

MetricText::Parsed MetricText::parseLeniently(const QByteArray &text) {
    Parsed parsed;
    QHash<QString, QString> types;
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &raw : lines) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty())
            continue;
        if (line.startsWith(u'#')) {
            const QStringList words = line.split(u' ', Qt::SkipEmptyParts);
            if (words.size() >= 4 && words[1] == QLatin1String("TYPE"))
                types.insert(words[2], words[3]);
            continue;
        }
        MetricSample sample;
        qsizetype pos = 0;
        while (pos < line.size() && line[pos] != u'{' && line[pos] != u' ')
            ++pos;
        sample.name = line.left(pos);
        if (pos < line.size() && line[pos] == u'{' && !readLabels(line, pos, sample.labels)) {
            ++parsed.skippedLines;
            continue;
        }
        const QStringList rest = line.mid(pos).split(u' ', Qt::SkipEmptyParts);
        bool ok = false;
        if (!rest.isEmpty()) {
            const QString v = rest.first();
            if (v.compare(QLatin1String("+Inf"), Qt::CaseInsensitive) == 0)
                sample.value = qInf(), ok = true;
            else if (v.compare(QLatin1String("-Inf"), Qt::CaseInsensitive) == 0)
                sample.value = -qInf(), ok = true;
            else if (v.compare(QLatin1String("NaN"), Qt::CaseInsensitive) == 0)
                sample.value = qQNaN(), ok = true;
            else
                sample.value = v.toDouble(&ok);
        }
        if (!ok || sample.name.isEmpty()) {
            ++parsed.skippedLines;
            continue;
        }
        sample.type = types.value(familyOf(sample.name, types), QStringLiteral("untyped"));
        parsed.samples << sample;
    }
    return parsed;
}

} // namespace lmcf
