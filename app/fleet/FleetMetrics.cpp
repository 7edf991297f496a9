#include "fleet/FleetMetrics.h"

#include "charts/MetricCatalog.h"
#include "fleet/MetricText.h"

#include <QByteArrayView>
#include <QSet>

namespace lmcf {

namespace {

const QByteArray kUp = QByteArrayLiteral("lmcache_fleet_node_up");

const QSet<QByteArray> &wantedNames() {
    static const QSet<QByteArray> names = [] {
        QSet<QByteArray> set{kUp};
        for (const Quantity quantity :
             {Quantity::HitTokens, Quantity::LookupTokens, Quantity::RetrieveTokens,
              Quantity::StoreTokens, Quantity::L1Bytes, Quantity::Evictions, Quantity::Requests}) {
            for (const QString &name : MetricCatalog::namesOf(quantity))
                set.insert(name.toUtf8());
        }
        return set;
    }();
    return names;
}

//! The metric name a line is about: a sample's name, or the family of a HELP/TYPE line.
QByteArrayView nameOf(QByteArrayView line) {
    if (line.startsWith("# HELP ") || line.startsWith("# TYPE "))
        line = line.sliced(7);
    else if (line.startsWith('#'))
        return {};
    qsizetype cut = 0;
    while (cut < line.size() && line[cut] != ' ' && line[cut] != '{' && line[cut] != '\t')
        ++cut;
    return line.first(cut);
}

} // namespace

QStringList FleetMetrics::families() {
    QStringList names;
    for (const QByteArray &name : wantedNames())
        names << QString::fromUtf8(name);
    names.sort();
    return names;
}

QByteArray FleetMetrics::wantedLines(const QByteArray &text) {
    const QSet<QByteArray> &wanted = wantedNames();
    QByteArray out;
    const QByteArrayView all(text);
    qsizetype pos = 0;
    while (pos < all.size()) {
        qsizetype end = all.indexOf('\n', pos);
        end = end < 0 ? all.size() : end + 1;
        const QByteArrayView line = all.sliced(pos, end - pos);
        pos = end;
        const QByteArrayView name = nameOf(line);
        // fromRawData: a lookup key without copying the name.
        if (!name.isEmpty() && wanted.contains(QByteArray::fromRawData(name.data(), name.size())))
            out += line;
    }
    return out;
}

FleetMetrics FleetMetrics::read(const QByteArray &text) {
    MetricText::Parsed parsed = MetricText::parse(wantedLines(text));
    FleetMetrics result;
    result.skippedLines = parsed.skippedLines;
    result.charted.reserve(parsed.samples.size());
    const QString up = QString::fromLatin1(kUp);
    for (MetricSample &sample : parsed.samples) {
        if (sample.name == up)
            result.up.insert(sample.label(QStringLiteral("node")), sample.value >= 1.0);
        else
            result.charted.append(std::move(sample));
    }
    return result;
}

} // namespace lmcf
