#include "routes/FleetMetricsText.h"

#include "prometheus/MetricsMerger.h"
#include "routes/Gzip.h"

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

Sample nodeSample(const QByteArray &name, const ScrapedNode &node, double value) {
    Sample sample;
    sample.name = name;
    QList<Label> labels = {{QByteArrayLiteral("node"), node.node.toUtf8()}};
    if (!node.proxy.isEmpty())
        labels.append({QByteArrayLiteral("proxy"), node.proxy.toUtf8()});
    sample.setLabels(labels);
    sample.value = value;
    return sample;
}

} // namespace

FleetMetricsText FleetMetricsText::render(const FleetScrape &scrape, const Exposition &daemonOwn,
                                          const QSet<QByteArray> &only, bool gzip) {
    const auto wanted = [&only](const MetricFamily &f) {
        // An OpenMetrics counter family `foo` writes its samples as `foo_total`.
        return only.isEmpty() || only.contains(f.name) ||
               (f.type == MetricType::Counter && only.contains(f.name + "_total"));
    };
    QList<NodeExposition> nodes;
    nodes.reserve(scrape.outcomes.size());
    MetricFamily up = perNodeFamily("lmcache_fleet_node_up",
                                    "1 when the node answered its /metrics in time with valid "
                                    "text, else 0.");
    MetricFamily duration =
        perNodeFamily("lmcache_fleet_scrape_duration_seconds", "How long scraping the node took.");
    for (const ScrapeOutcome &outcome : scrape.outcomes) {
        ScrapedNode node = FleetScrape::read(outcome);
        up.samples.append(nodeSample(up.name, node, node.up ? 1 : 0));
        duration.samples.append(nodeSample(duration.name, node, node.seconds));
        node.exposition.families.removeIf([&](const MetricFamily &f) { return !wanted(f); });
        if (node.up)
            nodes.append({node.node, std::move(node.exposition), node.proxy});
        else
            qCDebug(lcFleetMetrics, "node %s left out: %s", qUtf8Printable(node.node),
                    qUtf8Printable(node.error));
    }
    Exposition extra;
    extra.families << up << duration;
    extra.families += daemonOwn.families;
    extra.families.removeIf([&](const MetricFamily &f) { return !wanted(f); });
    MergeResult merged = MetricsMerger::merge(nodes, extra);
    for (const MergeProblem &problem : merged.problems)
        qCDebug(lcFleetMetrics, "merge: node %s family %s: %s", qUtf8Printable(problem.node),
                problem.family.constData(), qUtf8Printable(problem.what));
    FleetMetricsText result;
    result.text = std::move(merged.text);
    if (gzip)
        result.gzipped = Gzip::compress(result.text);
    return result;
}

} // namespace lmcf
