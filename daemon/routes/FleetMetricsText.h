#pragma once

#include "prometheus/Exposition.h"
#include "scrape/FleetScrape.h"

#include <QByteArray>
#include <QSet>

namespace lmcf {

//! The text of `GET /metrics` for one finished scrape round: every node's exposition parsed and
//! merged (`node` label on every sample), the per-node `lmcache_fleet_node_up` and
//! `lmcache_fleet_scrape_duration_seconds` families, and the daemon's own families. A pure
//! function of its inputs, so it runs on a worker thread: at 1,000 nodes it is about a second
//! of work the event loop (heartbeats, proxy) must not wait for.
struct FleetMetricsText {
    QByteArray text;
    QByteArray gzipped; //!< empty unless asked for

    //! Only the families named in `only` (all when empty); `foo_total` also names an OpenMetrics
    //! counter family `foo`. Nodes that are down or unparsable leave only their `up` 0 sample.
    static FleetMetricsText render(const FleetScrape &scrape, const Exposition &daemonOwn,
                                   const QSet<QByteArray> &only, bool gzip);
};

} // namespace lmcf
