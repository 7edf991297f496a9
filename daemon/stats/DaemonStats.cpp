#include "stats/DaemonStats.h"

#include "history/HistoryStore.h"
#include "http/PendingReply.h"

#include <QPointer>

#include <algorithm>

namespace lmcf {

namespace {
MetricFamily family(const char *name, MetricType type, const char *help) {
    MetricFamily f;
    f.name = name;
    f.type = type;
    f.help = help;
    return f;
}

MetricFamily single(const char *name, MetricType type, const char *help, double value) {
    MetricFamily f = family(name, type, help);
    f.samples.append(Sample{f.name, {}, value, {}});
    return f;
}
} // namespace

DaemonStats::DaemonStats(QObject *parent)
    : QObject(parent) {}

DaemonStats::~DaemonStats() = default;

void DaemonStats::countRequest(QByteArrayView route, int status) {
    ++m_requests[route.toByteArray() + '\n' + QByteArray::number(status)];
}

void DaemonStats::track(PendingReply &reply, const QByteArray &route) {
    reply.onComplete([self = QPointer<DaemonStats>(this), route](int status) {
        if (self)
            self->countRequest(route, status);
    });
}

Exposition DaemonStats::exposition() const {
    Exposition out;
    MetricFamily requests = family("lmcache_fleet_http_requests_total", MetricType::Counter,
                                   "HTTP requests answered by the daemon, by route and status "
                                   "(status 0: the client left before the answer).");
    QList<QByteArray> keys = m_requests.keys();
    std::sort(keys.begin(), keys.end());
    for (const QByteArray &key : std::as_const(keys)) {
        const qsizetype cut = key.indexOf('\n');
        Sample sample;
        sample.name = requests.name;
        sample.setLabels({{QByteArrayLiteral("route"), key.left(cut)},
                          {QByteArrayLiteral("status"), key.mid(cut + 1)}});
        sample.value = double(m_requests.value(key));
        requests.samples.append(sample);
    }
    out.families.append(requests);
    out.families.append(single("lmcache_fleet_heartbeats_received_total", MetricType::Counter,
                               "Heartbeats accepted by the registry.", double(m_heartbeats)));
    out.families.append(single("lmcache_fleet_scrape_rounds_total", MetricType::Counter,
                               "Scrape rounds finished (on demand and for history).",
                               double(m_scrapeRounds)));
    if (m_registrySize) {
        out.families.append(single("lmcache_fleet_registry_nodes", MetricType::Gauge,
                                   "Nodes in the registry.", double(m_registrySize())));
    }
    appendRegistryBackend(out);
    if (m_history) {
        out.families.append(single("lmcache_fleet_history_series", MetricType::Gauge,
                                   "Series kept in the built-in history.",
                                   double(m_history->seriesCount())));
        out.families.append(single("lmcache_fleet_history_memory_bytes", MetricType::Gauge,
                                   "Approximate bytes held by the built-in history.",
                                   double(m_history->memoryBytes())));
        out.families.append(single(
            "lmcache_fleet_history_dropped_series_total", MetricType::Counter,
            "Series not kept because the history was full.", double(m_history->droppedSeries())));
    }
    return out;
}

void DaemonStats::appendRegistryBackend(Exposition &out) const {
    if (!m_registryBackend)
        return;
    const RegistryBackend backend = m_registryBackend();
    const auto add = [&out](const char *name, MetricType type, const char *help, double value) {
        out.families.append(single(name, type, help, value));
    };
    add("lmcache_fleet_registry_backend_up", MetricType::Gauge,
        "1 while the registry is in step with its shared backend (etcd), 0 while it serves its "
        "last view.",
        backend.up ? 1 : 0);
    add("lmcache_fleet_registry_backend_last_sync_timestamp_seconds", MetricType::Gauge,
        "When the registry was last known in step with its shared backend: a synchronisation, "
        "a change followed or a liveness read (Unix time; 0: never).",
        double(backend.lastSyncMs) / 1000.0);
    add("lmcache_fleet_registry_backend_syncs_total", MetricType::Counter,
        "Full synchronisations with the shared backend (read every node, then follow changes).",
        double(backend.syncs));
    add("lmcache_fleet_registry_backend_failed_writes_total", MetricType::Counter,
        "Node writes and deletes the shared backend did not take (each starts a new "
        "synchronisation).",
        double(backend.failedWrites));
    add("lmcache_fleet_registry_backend_deferred_writes_total", MetricType::Counter,
        "Node writes and deletes held back while the shared backend was away (sent when it is "
        "back).",
        double(backend.deferredWrites));
    add("lmcache_fleet_registry_backend_unconfirmed_writes", MetricType::Gauge,
        "Node writes and deletes the shared backend has not confirmed yet.",
        double(backend.unconfirmedWrites));
}

} // namespace lmcf
