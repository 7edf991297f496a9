#include "prometheus/ChartedMetrics.h"

#include <QHash>

namespace lmcf::ChartedMetrics {

namespace {
QList<ChartedMetric> buildList() {
    using enum FleetAggregation;
    const auto counters = {
        // vLLM mode (spec §5)
        "lmcache:num_lookup_requested_tokens",
        "lmcache:num_lookup_hit_tokens",
        "lmcache:num_retrieve_requested_tokens",
        "lmcache:num_retrieve_retrieved_tokens",
        "lmcache:num_store_requested_tokens",
        "lmcache:num_store_stored_tokens",
        "lmcache:num_retrieve_requests",
        "lmcache:num_store_requests",
        "lmcache:num_lookup_requests",
        "lmcache:local_cpu_evict_count",
        // MP mode (spec §5)
        "lmcache_mp_lookup_requested_tokens_total",
        "lmcache_mp_lookup_hit_tokens_total",
        "lmcache_mp_l1_evicted_keys_total",
        "lmcache_mp_l1_read_keys_total",
        "lmcache_mp_l1_write_keys_total",
        "lmcache_mp_sm_read_requests_total",
        "lmcache_mp_sm_write_requests_total",
    };
    QList<ChartedMetric> list;
    list.append({QByteArrayLiteral("lmcache:retrieve_hit_rate"), GaugeMean});
    list.append({QByteArrayLiteral("lmcache:lookup_hit_rate"), GaugeMean});
    list.append({QByteArrayLiteral("lmcache:local_cache_usage"), GaugeSum});
    list.append({QByteArrayLiteral("lmcache:active_memory_objs_count"), GaugeSum});
    list.append({QByteArrayLiteral("lmcache_mp_l1_memory_usage_bytes"), GaugeSum});
    for (const char *name : counters)
        list.append({QByteArray(name), CounterIncrease});
    list.append({QByteArrayLiteral("lmcache_fleet_node_up"), GaugeSum});
    return list;
}

struct Index {
    QList<ChartedMetric> list = buildList();
    QHash<QByteArray, qsizetype> byName;
    Index() {
        for (qsizetype i = 0; i < list.size(); ++i) {
            byName.insert(list[i].name, i);
            if (list[i].fleet == FleetAggregation::CounterIncrease &&
                !list[i].name.endsWith("_total"))
                byName.insert(list[i].name + "_total", i);
        }
    }
};

const Index &index() {
    static const Index instance;
    return instance;
}
} // namespace

const QList<ChartedMetric> &all() {
    return index().list;
}

const ChartedMetric *find(QByteArrayView sampleName) {
    const Index &idx = index();
    const auto it =
        idx.byName.constFind(QByteArray::fromRawData(sampleName.data(), sampleName.size()));
    return it == idx.byName.cend() ? nullptr : &idx.list[*it];
}

} // namespace lmcf::ChartedMetrics
