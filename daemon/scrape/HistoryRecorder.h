#pragma once

#include "scrape/FleetScrape.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace lmcf {

class FleetScraper;
class HistoryStore;

//! Feeds the built-in history: every interval it asks the FleetScraper for a round (one that
//! finished less than a second ago is reused) and records the charted metrics (ChartedMetrics)
//! into the HistoryStore:
//! - per node: `<name>{node="<node>", <the sample's own labels>}` with the raw value (counters
//!   stay counters: clients compute rates), plus `lmcache_fleet_node_up{node}` (1/0);
//! - fleet-wide: `<name>{node="_fleet"}`, aggregated as ChartedMetric::fleet says (counters as
//!   the sum of increases since the daemon started, so a node that restarts, leaves or fails a
//!   scrape makes no dip; gauges as the sum or the mean of the nodes up).
//! Only the charted families' lines of a node's text are parsed (up: answered 2xx in time and
//! those lines parse; the rest of the text is not checked here, /metrics does that).
//! Logs a node going down (with the reason) and coming back, once per change.
class HistoryRecorder final : public QObject {
    Q_OBJECT
public:
    HistoryRecorder(FleetScraper &scraper, HistoryStore &store, int intervalMs,
                    QObject *parent = nullptr);
    ~HistoryRecorder() override;

    //! Starts the interval timer (the first round is scraped at once).
    void start();

    //! Records one finished round (what the timer does; public for tests and benchmarks).
    void record(const FleetScrape &scrape);

private:
    struct FleetSum {
        double sum = 0;
        int count = 0;
    };
    void tick();
    void recordNode(const ScrapedNode &node, QHash<QByteArray, FleetSum> &fleet);
    void recordCounter(const QByteArray &key, double value, FleetSum &fleet);
    void recordFleet(const QHash<QByteArray, FleetSum> &fleet, int nodesUp);
    void noteNodeState(const ScrapedNode &node);
    void forgetOldCounters();

    struct CounterState {
        double last = 0;
        qint64 seenRound = 0;
    };

    FleetScraper &m_scraper;
    HistoryStore &m_store;
    QTimer m_timer;
    bool m_waiting = false;
    qint64 m_lastGeneration = 0;
    qint64 m_round = 0;
    QHash<QByteArray, CounterState> m_counters;    // node + series → last raw value
    QHash<QByteArray, double> m_fleetCounterTotal; // metric → increases summed so far
    QSet<QString> m_down;
};

} // namespace lmcf
