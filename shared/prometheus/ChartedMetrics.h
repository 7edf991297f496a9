#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace lmcf {

//! How the daemon's history turns one charted metric of many nodes into its fleet-wide series.
enum class FleetAggregation {
    CounterIncrease, //!< sum of every series' increases since the daemon started, resets corrected
    GaugeSum,        //!< sum of the nodes' values (bytes, object counts, nodes up)
    GaugeMean,       //!< mean of the nodes' values (ratios such as hit rates)
};

//! One metric an operator charts: its name as LMCache exposes it (spec §5) and how the fleet
//! value is formed.
struct ChartedMetric {
    QByteArray name;
    FleetAggregation fleet = FleetAggregation::GaugeSum;
};

//! The one list of metrics the daemon keeps history for and the GUI charts (spec §5, both the
//! vLLM-mode `lmcache:` names and the MP-mode `lmcache_mp_` names, plus `lmcache_fleet_node_up`).
//!
//! History keeps raw values: counters as the counter values themselves, so a client computes
//! rates (Δvalue/Δt, a drop meaning a reset) and hit rates as rate(hit tokens) / rate(requested
//! tokens). Per node, a series carries `node="<name>"` plus the sample's own labels
//! (`model_name`, `worker_id`, ...). Fleet-wide, each metric has one series labelled only
//! `node="_fleet"` (FleetNode), aggregated as its ChartedMetric::fleet says.
namespace ChartedMetrics {

//! The `node` label value of the fleet-wide series.
inline constexpr QByteArrayView FleetNode = "_fleet";

//! Every charted metric, vLLM mode first, then MP mode, then the daemon's own.
const QList<ChartedMetric> &all();

//! The charted metric a sample named `sampleName` belongs to, or null. A counter listed without
//! `_total` also matches its `_total` sample (prometheus_client adds the suffix), and the series
//! is then recorded under the name as listed, so one name is charted whatever the exporter.
const ChartedMetric *find(QByteArrayView sampleName);

} // namespace ChartedMetrics

} // namespace lmcf
