#pragma once

#include "routes/FleetMetricsText.h"
#include "scrape/FleetScrape.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <memory>

class QHttpServer;
class QHttpServerRequest;

namespace lmcf {

class Authorizer;
class DaemonStats;
class FleetScraper;
class PendingReply;
class PreparedNodeCache;

//! `GET /metrics`: every leaf node's `/metrics`, scraped in parallel (FleetScraper), merged into
//! one valid text 0.0.4 exposition (MetricsMerger: one HELP/TYPE per family, `node` label on
//! every sample), plus per node `lmcache_fleet_node_up` (1: answered 2xx in time and parsed, else
//! 0) and `lmcache_fleet_scrape_duration_seconds`, plus the daemon's own metrics (DaemonStats).
//! A dead, slow or garbage node costs its own samples only: the round has a deadline of the
//! scrape timeout, after which the answer goes out with what came in.
//! Bursts: requests that arrive during a round join it, and a round that finished less than
//! `reuseWindowMs` ago (default 1 s) is served again from its cached merged text (the daemon's
//! own counters in it are then up to that old); `Cache-Control: no-cache` asks for a new round.
//! The merged text is rendered on a worker thread (FleetMetricsText), so a big fleet's /metrics
//! never stalls heartbeats or the proxy; a node whose answer is byte-identical to its last one
//! reuses that answer's parsed and labelled text (PreparedNodeCache). gzip when the client accepts
//! it. `?name=F&name=G` answers only the families named F, G (exact family names, the daemon's own
//! `lmcache_fleet_*` included; `foo_total` also names a counter family `foo`, as OpenMetrics writes
//! it): the desktop app reads its few charted families of a 1,000-node fleet without moving the
//! whole text.
class MetricsController final : public QObject {
    Q_OBJECT
public:
    MetricsController(FleetScraper &scraper, DaemonStats &stats, QObject *parent = nullptr);
    ~MetricsController() override;

    //! `GET|HEAD /metrics`, for callers with Permission::View.
    void registerRoutes(QHttpServer &server, const Authorizer &authorizer);
    void setReuseWindowMs(qint64 ms) { m_reuseWindowMs = ms; }

private:
    struct Waiter {
        std::shared_ptr<PendingReply> reply;
        bool gzip = false;
    };
    void answer(const std::shared_ptr<const FleetScrape> &scrape,
                const std::shared_ptr<PendingReply> &reply, bool gzip,
                const QSet<QByteArray> &only);
    void startRender(const std::shared_ptr<const FleetScrape> &scrape, const QByteArray &renderKey,
                     const QByteArray &key, const QSet<QByteArray> &only, bool gzip);
    void rendered(const QByteArray &renderKey, const QByteArray &key, qint64 generation,
                  FleetMetricsText text);
    static void sendText(const std::shared_ptr<PendingReply> &reply, FleetMetricsText &text,
                         bool gzip);
    static QSet<QByteArray> onlyFamilies(const QHttpServerRequest &request);

    FleetScraper &m_scraper;
    DaemonStats &m_stats;
    qint64 m_reuseWindowMs = 1000;
    qint64 m_cachedGeneration = -1;
    QHash<QByteArray, FleetMetricsText> m_cached;  //!< by the sorted `name` list ("" = all)
    QHash<QByteArray, QList<Waiter>> m_rendering;  //!< by "generation:names"
    std::shared_ptr<PreparedNodeCache> m_prepared; //!< shared with the renders in flight
};

} // namespace lmcf
