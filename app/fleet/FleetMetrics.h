#pragma once

#include "fleet/MetricSample.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace lmcf {

//! What the fleet view takes from the daemon's aggregated `/metrics`: the samples of the charted
//! metrics (MetricCatalog) and, per node, whether the daemon's scrape reached it
//! (`lmcache_fleet_node_up`). Only those lines are parsed: at 1,000 nodes they are a small part
//! of the text, and the reading runs off the GUI thread, so it is a plain value.
struct FleetMetrics {
    QList<MetricSample> charted;
    QHash<QString, bool> up; //!< node → answered the daemon's last scrape (absent: not reported)
    int skippedLines = 0;    //!< kept lines the parser could not read

    //! The metric families read: the charted ones (both names of a vLLM-mode counter, with and
    //! without `_total`) and `lmcache_fleet_node_up`. The app asks the daemon for these only.
    static QStringList families();
    //! Reads `text` (any exposition; a line that does not parse is skipped and counted).
    static FleetMetrics read(const QByteArray &text);
    //! The lines of `text` belonging to the charted metrics or `lmcache_fleet_node_up`, with
    //! their HELP/TYPE lines: a scan without allocations per line.
    static QByteArray wantedLines(const QByteArray &text);
};

} // namespace lmcf
