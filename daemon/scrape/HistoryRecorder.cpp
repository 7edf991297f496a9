#include "scrape/HistoryRecorder.h"

#include "history/HistoryStore.h"
#include "prometheus/ChartedMetrics.h"
#include "scrape/FleetScraper.h"

#include <QLoggingCategory>

#include <cmath>

Q_LOGGING_CATEGORY(lcHistory, "lmcf.daemon.history")

namespace lmcf {

namespace {
const QByteArray kNode = QByteArrayLiteral("node");
const QByteArray kUp = QByteArrayLiteral("lmcache_fleet_node_up");
constexpr qint64 kForgetEveryRounds = 100;
constexpr qint64 kReuseWindowMs = 1000;

bool isChartedFamily(QByteArrayView name) {
    if (ChartedMetrics::find(name))
        return true;
    // OpenMetrics declares counter `foo` for samples `foo_total`.
    return ChartedMetrics::find(QByteArray(name.toByteArray() + "_total")) != nullptr;
}

//! The lines of `text` that belong to charted families (their samples, HELP/TYPE/UNIT lines and
//! `# EOF`): a scan without allocations, so only the ~10 % of a node's exposition the history
//! keeps is parsed.
QByteArray chartedLines(QByteArrayView text) {
    QByteArray out;
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype end = text.indexOf('\n', pos);
        end = end < 0 ? text.size() : end + 1;
        const QByteArrayView line = text.sliced(pos, end - pos);
        pos = end;
        QByteArrayView name = line;
        bool comment = false;
        if (line.startsWith("# EOF")) {
            out += line;
            continue;
        }
        if (line.startsWith("# HELP ") || line.startsWith("# TYPE ") ||
            line.startsWith("# UNIT ")) {
            name = line.sliced(7);
            comment = true;
        } else if (line.startsWith('#')) {
            continue;
        }
        qsizetype cut = 0;
        while (cut < name.size() && name[cut] != ' ' && name[cut] != '{' && name[cut] != '\t' &&
               name[cut] != '\n' && name[cut] != '\r')
            ++cut;
        const QByteArrayView metric = name.first(cut);
        if (cut > 0 &&
            (comment ? isChartedFamily(metric) : ChartedMetrics::find(metric) != nullptr))
            out += line;
    }
    return out;
}

//! One outcome as the history reads it: like FleetScrape::read, but only charted lines parsed.
ScrapedNode readCharted(const ScrapeOutcome &outcome) {
    if (!outcome.result.ok())
        return FleetScrape::read(outcome);
    ScrapeOutcome trimmed = outcome;
    trimmed.result.body = chartedLines(outcome.result.body);
    return FleetScrape::read(trimmed);
}
} // namespace

HistoryRecorder::HistoryRecorder(FleetScraper &scraper, HistoryStore &store, int intervalMs,
                                 QObject *parent)
    : QObject(parent)
    , m_scraper(scraper)
    , m_store(store) {
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &HistoryRecorder::tick);
}

HistoryRecorder::~HistoryRecorder() = default;

void HistoryRecorder::start() {
    m_timer.start();
    tick();
}

void HistoryRecorder::tick() {
    if (m_waiting)
        return; // the previous round is still out (slow nodes): skip rather than pile up
    m_waiting = true;
    m_scraper.collect(std::min<qint64>(kReuseWindowMs, m_timer.interval() / 2),
                      [this](const std::shared_ptr<const FleetScrape> &scrape) {
                          m_waiting = false;
                          if (scrape)
                              record(*scrape);
                      });
}

void HistoryRecorder::record(const FleetScrape &scrape) {
    if (scrape.generation != 0 && scrape.generation == m_lastGeneration)
        return;
    m_lastGeneration = scrape.generation;
    ++m_round;
    m_store.beginRound(scrape.finishedAtMs);
    QHash<QByteArray, FleetSum> fleet;
    int nodesUp = 0;
    for (const ScrapeOutcome &outcome : scrape.outcomes) {
        const ScrapedNode node = readCharted(outcome);
        noteNodeState(node);
        m_store.record(kUp, {{kNode, node.node.toUtf8()}}, node.up ? 1 : 0);
        if (node.up) {
            ++nodesUp;
            recordNode(node, fleet);
        }
    }
    recordFleet(fleet, nodesUp);
    if (m_round % kForgetEveryRounds == 0)
        forgetOldCounters();
}

void HistoryRecorder::recordNode(const ScrapedNode &node, QHash<QByteArray, FleetSum> &fleet) {
    const QByteArray nodeName = node.node.toUtf8();
    for (const MetricFamily &family : node.exposition.families) {
        const ChartedMetric *charted = ChartedMetrics::find(family.name);
        if (!charted || charted->name == kUp)
            continue;
        FleetSum &sum = fleet[charted->name];
        for (const Sample &sample : family.samples) {
            if (sample.name != family.name)
                continue; // parts of histograms/summaries are not charted
            SeriesLabels labels{{kNode, nodeName}};
            for (const Label &label : sample.labels())
                labels.append(
                    {label.name == kNode ? QByteArrayLiteral("exported_node") : label.name,
                     label.value});
            m_store.record(charted->name, labels, sample.value);
            if (std::isnan(sample.value))
                continue;
            if (charted->fleet == FleetAggregation::CounterIncrease) {
                recordCounter(nodeName + '\n' + charted->name + '\n' + sample.labelText,
                              sample.value, sum);
            } else {
                sum.sum += sample.value;
                ++sum.count;
            }
        }
    }
}

void HistoryRecorder::recordCounter(const QByteArray &key, double value, FleetSum &fleet) {
    auto it = m_counters.find(key);
    if (it == m_counters.end()) {
        // A series seen for the first time has no known increase yet.
        m_counters.insert(key, {value, m_round});
        ++fleet.count;
        return;
    }
    // As Prometheus' rate(): a counter that went down was reset and counts from zero.
    fleet.sum += value >= it->last ? value - it->last : value;
    ++fleet.count;
    it->last = value;
    it->seenRound = m_round;
}

void HistoryRecorder::recordFleet(const QHash<QByteArray, FleetSum> &fleet, int nodesUp) {
    const SeriesLabels fleetLabels{{kNode, ChartedMetrics::FleetNode.toByteArray()}};
    for (const ChartedMetric &charted : ChartedMetrics::all()) {
        if (charted.name == kUp) {
            m_store.record(kUp, fleetLabels, nodesUp);
            continue;
        }
        const auto it = fleet.constFind(charted.name);
        if (charted.fleet == FleetAggregation::CounterIncrease) {
            // Recorded every round once seen, so a fleet counter never has holes.
            if (it != fleet.cend() && it->count > 0)
                m_fleetCounterTotal[charted.name] += it->sum;
            const auto total = m_fleetCounterTotal.constFind(charted.name);
            if (total != m_fleetCounterTotal.cend())
                m_store.record(charted.name, fleetLabels, *total);
        } else if (it != fleet.cend() && it->count > 0) {
            const double value =
                charted.fleet == FleetAggregation::GaugeMean ? it->sum / it->count : it->sum;
            m_store.record(charted.name, fleetLabels, value);
        }
    }
}

void HistoryRecorder::noteNodeState(const ScrapedNode &node) {
    if (!node.up && !m_down.contains(node.node)) {
        m_down.insert(node.node);
        qCWarning(lcHistory, "node %s is down: %s", qUtf8Printable(node.node),
                  qUtf8Printable(node.error));
    } else if (node.up && m_down.remove(node.node)) {
        qCInfo(lcHistory, "node %s is up again", qUtf8Printable(node.node));
    }
}

void HistoryRecorder::forgetOldCounters() {
    const qint64 horizon = m_round - std::max<qint64>(kForgetEveryRounds, m_store.capacityRounds());
    for (auto it = m_counters.begin(); it != m_counters.end();) {
        if (it->seenRound < horizon)
            it = m_counters.erase(it);
        else
            ++it;
    }
}

} // namespace lmcf
