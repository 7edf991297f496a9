#include "routes/FleetMetricsText.h"

#include "prometheus/MetricsMerger.h"
#include "routes/Gzip.h"
#include "scrape/PreparedNodeCache.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcFleetMetrics, "lmcf.daemon.metrics")

namespace lmcf {

namespace {

MetricFamily perNodeFamily(const char *name, const char *help) {
    MetricFamily f;
    f.name = name;
    f.type = MetricType::Gauge;
    f.help = help;
    return f;
}

Sample nodeSample(const QByteArray &name, const ScrapeOutcome &outcome, double value) {
    Sample sample;
    sample.name = name;
    QList<Label> labels = {{QByteArrayLiteral("node"), outcome.node.toUtf8()}};
    if (!outcome.proxy.isEmpty())
        labels.append({QByteArrayLiteral("proxy"), outcome.proxy.toUtf8()});
    sample.setLabels(labels);
    sample.value = value;
    return sample;
}

} // namespace

FleetMetricsText FleetMetricsText::render(const FleetScrape &scrape, const Exposition &daemonOwn,
                                          const QSet<QByteArray> &only, bool gzip,
                                          PreparedNodeCache &cache) {
    const auto wanted = [&only](const QByteArray &name, MetricType type) {
        // An OpenMetrics counter family `foo` writes its samples as `foo_total`.
        return only.isEmpty() || only.contains(name) ||
               (type == MetricType::Counter && only.contains(name + "_total"));
    };
    QList<std::shared_ptr<const PreparedNode>> nodes;
    nodes.reserve(scrape.outcomes.size());
    MetricFamily up = perNodeFamily("lmcache_fleet_node_up",
                                    "1 when the node answered its /metrics in time with valid "
                                    "text, else 0.");
    MetricFamily duration =
        perNodeFamily("lmcache_fleet_scrape_duration_seconds", "How long scraping the node took.");
    for (const ScrapeOutcome &outcome : scrape.outcomes) {
        PreparedScrape node = cache.prepare(outcome);
        up.samples.append(nodeSample(up.name, outcome, node.prepared ? 1 : 0));
        duration.samples.append(
            nodeSample(duration.name, outcome, double(outcome.result.elapsedMs) / 1000.0));
        if (node.prepared)
            nodes.append(std::move(node.prepared));
        else
            qCDebug(lcFleetMetrics, "node %s left out: %s", qUtf8Printable(outcome.node),
                    qUtf8Printable(node.error));
    }
    cache.keepOnly(scrape.outcomes);
    Exposition extra;
    extra.families << up << duration;
    extra.families += daemonOwn.families;
    extra.families.removeIf([&](const MetricFamily &f) { return !wanted(f.name, f.type); });
    MergeResult merged = MetricsMerger::mergePreparedPieces(nodes, extra, wanted);
    for (const MergeProblem &problem : merged.problems)
        qCDebug(lcFleetMetrics, "merge: node %s family %s: %s", qUtf8Printable(problem.node),
                problem.family.constData(), qUtf8Printable(problem.what));
    FleetMetricsText result;
    result.pieces = std::move(merged.pieces);
    if (gzip)
        result.gzipped = Gzip::compress(result.pieces.join());
    return result;
}

} // namespace lmcf
