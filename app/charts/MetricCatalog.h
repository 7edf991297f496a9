#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace lmcf {

//! The raw quantities the charts and the fleet table are computed from, whatever metric family
//! (vLLM-mode `lmcache:` or MP-mode `lmcache_mp_`, spec §5) a node exports.
enum class Quantity {
    HitTokens,
    LookupTokens,
    RetrieveTokens,
    StoreTokens,
    L1Bytes,
    Evictions,
    Requests
};

//! What a chart shows; each is derived from one or two quantities.
enum class ChartKind {
    HitRate,
    RetrieveRate,
    StoreRate,
    LookupRate,
    L1Usage,
    EvictionRate,
    RequestRate
};

namespace MetricCatalog {

//! The quantity a sample name feeds, if any (`_total` optional on vLLM counters).
std::optional<Quantity> quantityOf(const QString &sampleName);
//! True for counters (charted as per-second rates), false for gauges.
bool isCounter(Quantity quantity);
//! Every metric name of both families that feeds `quantity` (for query_range selectors).
QStringList namesOf(Quantity quantity);

QString title(ChartKind kind);
//! Axis label with the unit, e.g. "tokens/s".
QString unit(ChartKind kind);
//! Short identifier for files: "hit-rate".
QString slug(ChartKind kind);
//! The quantities a chart needs (numerator first).
QList<Quantity> inputsOf(ChartKind kind);
//! The kinds shown on the charts page, in order.
QList<ChartKind> chartKinds();

} // namespace MetricCatalog
} // namespace lmcf
