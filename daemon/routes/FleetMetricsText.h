#pragma once

#include "prometheus/Exposition.h"
#include "scrape/FleetScrape.h"

#include <QByteArray>
#include <QSet>

namespace lmcf {

class PreparedNodeCache;

//! The text of `GET /metrics` for one finished scrape round: every node's exposition parsed and
//! merged (`node` label on every sample), the per-node `lmcache_fleet_node_up` and
//! `lmcache_fleet_scrape_duration_seconds` families, and the daemon's own families. A function
//! of its inputs (the cache only saves work), so it runs on a worker thread: at 1,000 nodes it
//! is about a second of work the event loop (heartbeats, proxy) must not wait for, less for the
//! nodes whose text `cache` already prepared.
struct FleetMetricsText {
    //! The text in consecutive parts, most of them shared with `cache` (a fleet's worth of text
    //! is never copied into one buffer unless gzipped).
    QList<QByteArray> pieces;
    QByteArray gzipped; //!< empty unless asked for

    //! Only the families named in `only` (all when empty); `foo_total` also names an OpenMetrics
    //! counter family `foo`. Nodes that are down or unparsable leave only their `up` 0 sample.
    //! `cache` is asked for every node (and forgets the nodes not in `scrape`).
    static FleetMetricsText render(const FleetScrape &scrape, const Exposition &daemonOwn,
                                   const QSet<QByteArray> &only, bool gzip,
                                   PreparedNodeCache &cache);
};

} // namespace lmcf
