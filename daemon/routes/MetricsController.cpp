#include "routes/MetricsController.h"

#include "auth/Authorizer.h"
#include "http/PendingReply.h"
#include "prometheus/MetricsMerger.h"
#include "routes/Gzip.h"
#include "scrape/FleetScraper.h"
#include "stats/DaemonStats.h"

#include <QHttpServer>
#include <QLoggingCategory>
#include <QPointer>
#include <QUrlQuery>

#include <algorithm>

Q_LOGGING_CATEGORY(lcMetrics, "lmcf.daemon.metrics")

namespace lmcf {

namespace {
const QByteArray kContentType = QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");

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

bool clientAcceptsGzip(const QHttpServerRequest &request) {
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("accept-encoding", Qt::CaseInsensitive) == 0 && Gzip::accepted(value))
            return true;
    }
    return false;
}

//! `Cache-Control: no-cache` (or `max-age=0`): the client wants a round that starts now.
bool clientWantsFresh(const QHttpServerRequest &request) {
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("cache-control", Qt::CaseInsensitive) == 0 &&
            (value.contains("no-cache") || value.contains("max-age=0")))
            return true;
    }
    return false;
}
} // namespace

MetricsController::MetricsController(FleetScraper &scraper, DaemonStats &stats, QObject *parent)
    : QObject(parent)
    , m_scraper(scraper)
    , m_stats(stats) {}

MetricsController::~MetricsController() = default;

void MetricsController::registerRoutes(QHttpServer &server, const Authorizer &authorizer) {
    server.route(QStringLiteral("/metrics"),
                 QHttpServerRequest::Method::Get | QHttpServerRequest::Method::Head,
                 authorizer.guard(Permission::View, [this](const QHttpServerRequest &request,
                                                           QHttpServerResponder &&responder,
                                                           const Caller &) {
                     auto reply = PendingReply::make(std::move(responder), request);
                     m_stats.track(*reply, QByteArrayLiteral("/metrics"));
                     const bool gzip = clientAcceptsGzip(request);
                     const QSet<QByteArray> only = onlyFamilies(request);
                     QPointer<MetricsController> self(this);
                     const quint64 ticket = m_scraper.collect(
                         clientWantsFresh(request) ? 0 : m_reuseWindowMs,
                         [self, reply, gzip, only](const std::shared_ptr<const FleetScrape> &s) {
                             if (!self || !reply->canWrite())
                                 return;
                             PendingReply::Headers headers{
                                 {QByteArrayLiteral("Vary"), QByteArrayLiteral("Accept-Encoding")}};
                             if (gzip)
                                 headers.append({QByteArrayLiteral("Content-Encoding"),
                                                 QByteArrayLiteral("gzip")});
                             reply->send(200, self->body(s, gzip, only), kContentType, headers);
                         });
                     // Deferred: the scraper must not drop this reply from inside its own callback.
                     reply->onClientGone([self, ticket] {
                         QMetaObject::invokeMethod(
                             self,
                             [self, ticket] {
                                 if (self)
                                     self->m_scraper.cancel(ticket);
                             },
                             Qt::QueuedConnection);
                     });
                 }));
}

const QByteArray &MetricsController::body(const std::shared_ptr<const FleetScrape> &scrape,
                                          bool gzip, const QSet<QByteArray> &only) {
    if (m_cachedGeneration != scrape->generation || m_reuseWindowMs <= 0) {
        m_cached.clear();
        m_cachedGeneration = scrape->generation;
    }
    QList<QByteArray> names = only.values();
    std::sort(names.begin(), names.end());
    Cached &cached = m_cached[names.join(',')];
    if (cached.text.isEmpty())
        cached.text = render(*scrape, only);
    if (!gzip)
        return cached.text;
    if (cached.gzipped.isEmpty())
        cached.gzipped = Gzip::compress(cached.text);
    return cached.gzipped;
}

QSet<QByteArray> MetricsController::onlyFamilies(const QHttpServerRequest &request) {
    QSet<QByteArray> names;
    const QUrlQuery query = request.query();
    for (const QString &name : query.allQueryItemValues(QStringLiteral("name")))
        names.insert(name.toUtf8());
    return names;
}

QByteArray MetricsController::render(const FleetScrape &scrape,
                                     const QSet<QByteArray> &only) const {
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
            qCDebug(lcMetrics, "node %s left out: %s", qUtf8Printable(node.node),
                    qUtf8Printable(node.error));
    }
    Exposition extra;
    extra.families << up << duration;
    extra.families += m_stats.exposition().families;
    extra.families.removeIf([&](const MetricFamily &f) { return !wanted(f); });
    const MergeResult merged = MetricsMerger::merge(nodes, extra);
    for (const MergeProblem &problem : merged.problems)
        qCDebug(lcMetrics, "merge: node %s family %s: %s", qUtf8Printable(problem.node),
                problem.family.constData(), qUtf8Printable(problem.what));
    return merged.text;
}

} // namespace lmcf
