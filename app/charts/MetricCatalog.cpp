#include "charts/MetricCatalog.h"

#include <QHash>

namespace lmcf::MetricCatalog {

namespace {

const QHash<QString, Quantity> &names() {
    static const QHash<QString, Quantity> table = {
        {QStringLiteral("lmcache:num_lookup_hit_tokens"), Quantity::HitTokens},
        {QStringLiteral("lmcache_mp_lookup_hit_tokens_total"), Quantity::HitTokens},
        {QStringLiteral("lmcache:num_lookup_requested_tokens"), Quantity::LookupTokens},
        {QStringLiteral("lmcache_mp_lookup_requested_tokens_total"), Quantity::LookupTokens},
        {QStringLiteral("lmcache:num_retrieve_retrieved_tokens"), Quantity::RetrieveTokens},
        {QStringLiteral("lmcache_mp_sm_read_succeed_keys_total"), Quantity::RetrieveTokens},
        {QStringLiteral("lmcache:num_store_stored_tokens"), Quantity::StoreTokens},
        {QStringLiteral("lmcache_mp_sm_write_succeed_keys_total"), Quantity::StoreTokens},
        {QStringLiteral("lmcache:local_cache_usage"), Quantity::L1Bytes},
        {QStringLiteral("lmcache_mp_l1_memory_usage_bytes"), Quantity::L1Bytes},
        {QStringLiteral("lmcache:local_cpu_evict_count"), Quantity::Evictions},
        {QStringLiteral("lmcache_mp_l1_evicted_keys_total"), Quantity::Evictions},
        {QStringLiteral("lmcache:num_retrieve_requests"), Quantity::Requests},
        {QStringLiteral("lmcache:num_store_requests"), Quantity::Requests},
        {QStringLiteral("lmcache_mp_sm_read_requests_total"), Quantity::Requests},
        {QStringLiteral("lmcache_mp_sm_write_requests_total"), Quantity::Requests},
    };
    return table;
}

} // namespace

std::optional<Quantity> quantityOf(const QString &sampleName) {
    const auto &table = names();
    if (auto it = table.constFind(sampleName); it != table.cend())
        return *it;
    // prometheus_client exposes vLLM-mode counters with a `_total` suffix.
    if (sampleName.startsWith(QLatin1String("lmcache:")) &&
        sampleName.endsWith(QLatin1String("_total"))) {
        if (auto it = table.constFind(sampleName.chopped(6)); it != table.cend())
            return *it;
    }
    return std::nullopt;
}

bool isCounter(Quantity quantity) {
    return quantity != Quantity::L1Bytes;
}

QStringList namesOf(Quantity quantity) {
    QStringList result;
    for (auto it = names().cbegin(); it != names().cend(); ++it) {
        if (it.value() != quantity)
            continue;
        result << it.key();
        if (it.key().startsWith(QLatin1String("lmcache:")) && isCounter(quantity))
            result << it.key() + QStringLiteral("_total");
    }
    result.sort();
    return result;
}

QString title(ChartKind kind) {
    switch (kind) {
    case ChartKind::HitRate:
        return QStringLiteral("Hit rate");
    case ChartKind::RetrieveRate:
        return QStringLiteral("Retrieved tokens per second");
    case ChartKind::StoreRate:
        return QStringLiteral("Stored tokens per second");
    case ChartKind::LookupRate:
        return QStringLiteral("Lookup tokens per second");
    case ChartKind::L1Usage:
        return QStringLiteral("L1 memory used");
    case ChartKind::EvictionRate:
        return QStringLiteral("Evictions per second");
    case ChartKind::RequestRate:
        return QStringLiteral("Requests per second");
    }
    return {};
}

QString unit(ChartKind kind) {
    switch (kind) {
    case ChartKind::HitRate:
        return QStringLiteral("%");
    case ChartKind::RetrieveRate:
    case ChartKind::StoreRate:
        return QStringLiteral("tokens/s (MP: keys/s)");
    case ChartKind::LookupRate:
        return QStringLiteral("tokens/s");
    case ChartKind::L1Usage:
        return QStringLiteral("GiB");
    case ChartKind::EvictionRate:
        return QStringLiteral("evictions/s");
    case ChartKind::RequestRate:
        return QStringLiteral("requests/s");
    }
    return {};
}

QString slug(ChartKind kind) {
    switch (kind) {
    case ChartKind::HitRate:
        return QStringLiteral("hit-rate");
    case ChartKind::RetrieveRate:
        return QStringLiteral("retrieve-rate");
    case ChartKind::StoreRate:
        return QStringLiteral("store-rate");
    case ChartKind::LookupRate:
        return QStringLiteral("lookup-rate");
    case ChartKind::L1Usage:
        return QStringLiteral("l1-usage");
    case ChartKind::EvictionRate:
        return QStringLiteral("eviction-rate");
    case ChartKind::RequestRate:
        return QStringLiteral("request-rate");
    }
    return {};
}

QList<Quantity> inputsOf(ChartKind kind) {
    switch (kind) {
    case ChartKind::HitRate:
        return {Quantity::HitTokens, Quantity::LookupTokens};
    case ChartKind::RetrieveRate:
        return {Quantity::RetrieveTokens};
    case ChartKind::StoreRate:
        return {Quantity::StoreTokens};
    case ChartKind::LookupRate:
        return {Quantity::LookupTokens};
    case ChartKind::L1Usage:
        return {Quantity::L1Bytes};
    case ChartKind::EvictionRate:
        return {Quantity::Evictions};
    case ChartKind::RequestRate:
        return {Quantity::Requests};
    }
    return {};
}

QList<ChartKind> chartKinds() {
    return {ChartKind::HitRate,    ChartKind::RetrieveRate, ChartKind::StoreRate,
            ChartKind::LookupRate, ChartKind::L1Usage,      ChartKind::EvictionRate};
}

} // namespace lmcf::MetricCatalog
