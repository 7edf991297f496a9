#include "WorkloadMetrics.h"

#include "Workload.h"

namespace lmcf::WorkloadMetrics {

namespace {

QByteArray number(double value) {
    return QByteArray::number(value, 'g', 12);
}

class Writer final {
public:
    explicit Writer(QByteArray labels)
        : m_labels(std::move(labels)) {}

    void family(const char *name, const char *type, const char *help) {
        m_text +=
            QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    }
    void sample(const QByteArray &name, double value, const QByteArray &extraLabel = {}) {
        QByteArray labels = m_labels;
        if (!extraLabel.isEmpty())
            labels += (labels.isEmpty() ? "" : ",") + extraLabel;
        m_text += name + (labels.isEmpty() ? QByteArray() : '{' + labels + '}') + ' ' +
                  number(value) + '\n';
    }
    void counter(const char *name, quint64 value, const char *help) {
        family(name, "counter", help);
        sample(name, double(value));
    }
    void gauge(const char *name, double value, const char *help) {
        family(name, "gauge", help);
        sample(name, value);
    }
    void histogram(const char *name, const SimHistogram &h, const char *help) {
        family(name, "histogram", help);
        const QByteArray base(name);
        quint64 cumulative = 0;
        for (int i = 0; i < h.size; ++i) {
            cumulative += h.counts[size_t(i)];
            sample(base + "_bucket", double(cumulative),
                   "le=\"" + number(h.bounds[size_t(i)]) + '"');
        }
        sample(base + "_bucket", double(h.count), "le=\"+Inf\"");
        sample(base + "_sum", h.sum);
        sample(base + "_count", double(h.count));
    }
    QByteArray take() { return std::move(m_text); }

private:
    QByteArray m_labels;
    QByteArray m_text;
};

void writeVllm(Writer &w, const Workload &load) {
    const WorkloadCounters &c = load.counters();
    w.counter("lmcache:num_retrieve_requests", c.retrieveRequests,
              "Total number of retrieve requests sent to lmcache");
    w.counter("lmcache:num_store_requests", c.storeRequests,
              "Total number of store requests sent to lmcache");
    w.counter("lmcache:num_lookup_requests", c.lookupRequests,
              "Total number of lookup requests sent to lmcache");
    w.counter("lmcache:num_retrieve_requested_tokens", c.retrieveRequestedTokens,
              "Number of tokens requested to retrieve");
    w.counter("lmcache:num_retrieve_retrieved_tokens", c.retrieveRetrievedTokens,
              "Number of tokens retrieved");
    w.counter("lmcache:num_store_requested_tokens", c.storeRequestedTokens,
              "Number of tokens requested to store");
    w.counter("lmcache:num_store_stored_tokens", c.storeStoredTokens, "Number of tokens stored");
    w.counter("lmcache:num_lookup_requested_tokens", c.lookupRequestedTokens,
              "Number of tokens requested in lookups");
    w.counter("lmcache:num_lookup_hit_tokens", c.lookupHitTokens,
              "Number of tokens hit in lookups");
    w.counter("lmcache:num_vllm_hit_tokens", c.vllmHitTokens,
              "Number of tokens hit in vLLM's own prefix cache");
    w.counter("lmcache:num_remote_read_requests", c.remoteReadRequests,
              "Number of remote read requests");
    w.counter("lmcache:num_remote_read_bytes", c.remoteReadBytes,
              "Bytes read from remote backends");
    w.counter("lmcache:num_remote_write_requests", c.remoteWriteRequests,
              "Number of remote write requests");
    w.counter("lmcache:num_remote_write_bytes", c.remoteWriteBytes,
              "Bytes written to remote backends");
    w.counter("lmcache:local_cpu_evict_count", c.evictCount, "Number of local CPU evictions");
    w.counter("lmcache:local_cpu_evict_keys_count", c.evictKeysCount,
              "Number of keys evicted from local CPU");
    w.counter("lmcache:local_cpu_evict_failed_count", c.evictFailedCount,
              "Number of failed local CPU evictions");
    w.gauge("lmcache:retrieve_hit_rate", load.retrieveHitRate(), "Hit rate of retrieve requests");
    w.gauge("lmcache:lookup_hit_rate", load.lookupHitRate(), "Hit rate of lookup requests");
    // Bytes, as LMCache documents these three gauges (its observability reference).
    w.gauge("lmcache:local_cache_usage", double(load.l1UsedBytes()), "Local cache usage in bytes");
    w.gauge("lmcache:remote_cache_usage", 0, "Remote cache usage in bytes");
    w.gauge("lmcache:local_storage_usage", 0, "Local storage usage in bytes");
    w.gauge("lmcache:active_memory_objs_count", double(load.objectCount()),
            "Active memory objects");
    w.gauge("lmcache:pinned_memory_objs_count", double(load.activeSessions()),
            "Pinned memory objects");
    w.histogram("lmcache:time_to_retrieve", load.timeToRetrieve(),
                "Time to retrieve from lmcache (seconds)");
    w.histogram("lmcache:time_to_store", load.timeToStore(), "Time to store to lmcache (seconds)");
    w.histogram("lmcache:retrieve_speed", load.retrieveSpeed(),
                "Retrieve speed (tokens per second)");
    w.histogram("lmcache:store_speed", load.storeSpeed(), "Store speed (tokens per second)");
}

void writeMp(Writer &w, const Workload &load) {
    const WorkloadCounters &c = load.counters();
    const quint64 readKeys = c.retrieveRetrievedTokens / Workload::kChunkTokens;
    const quint64 writeKeys = c.storeStoredTokens / Workload::kChunkTokens;
    w.counter("lmcache_mp_sm_read_requests_total", c.retrieveRequests,
              "Storage manager read requests");
    w.counter("lmcache_mp_sm_read_succeed_keys_total", readKeys, "Keys read successfully");
    w.counter("lmcache_mp_sm_read_failed_keys_total", c.readFailedKeys, "Keys that failed to read");
    w.counter("lmcache_mp_sm_write_requests_total", c.storeRequests,
              "Storage manager write requests");
    w.counter("lmcache_mp_sm_write_succeed_keys_total", writeKeys, "Keys written successfully");
    w.counter("lmcache_mp_sm_write_failed_keys_total", c.writeFailedKeys,
              "Keys that failed to write");
    w.counter("lmcache_mp_l1_read_keys_total", readKeys, "Keys read from L1");
    w.counter("lmcache_mp_l1_write_keys_total", writeKeys, "Keys written to L1");
    w.counter("lmcache_mp_l1_evicted_keys_total", c.evictKeysCount, "Keys evicted from L1");
    w.counter("lmcache_mp_lookup_requested_tokens_total", c.lookupRequestedTokens,
              "Tokens requested in lookups");
    w.counter("lmcache_mp_lookup_hit_tokens_total", c.lookupHitTokens, "Tokens hit in lookups");
    w.gauge("lmcache_mp_l1_memory_usage_bytes", double(load.l1UsedBytes()),
            "L1 memory in use (bytes)");
    w.histogram("lmcache_mp_l1_chunk_lifetime_seconds", load.chunkLifetime(),
                "Lifetime of evicted L1 chunks (seconds)");
}

} // namespace

QByteArray render(const Workload &workload, MetricsFamilies families, const QString &modelName,
                  int workerId) {
    QByteArray text;
    if (families != MetricsFamilies::Mp) {
        QByteArray model = modelName.toUtf8();
        model.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
        Writer vllm("model_name=\"" + model + "\",worker_id=\"" + QByteArray::number(workerId) +
                    '"');
        writeVllm(vllm, workload);
        text += vllm.take();
    }
    if (families != MetricsFamilies::Vllm) {
        Writer mp({});
        mp.family("target_info", "gauge", "Target metadata");
        mp.sample("target_info", 1,
                  "service_name=\"lmcache-mp\",telemetry_sdk_language=\"python\"");
        writeMp(mp, workload);
        text += mp.take();
    }
    return text;
}

QByteArray garbage() {
    return QByteArrayLiteral("# HELP lmcache:num_retrieve_requests broken on purpose\n"
                             "# TYPE lmcache:num_retrieve_requests countr\n"
                             "lmcache:num_retrieve_requests{model_name=\"x\" 12\n"
                             "lmcache_mp_l1_read_keys_total not-a-number\n"
                             "\x01\x02 garbage\n");
}

} // namespace lmcf::WorkloadMetrics
