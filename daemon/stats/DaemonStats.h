#pragma once

#include "prometheus/Exposition.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace lmcf {

class HistoryStore;
class PendingReply;

//! The daemon's own metrics, served at the end of the aggregated `/metrics`:
//! - `lmcache_fleet_http_requests_total{route,status}` (status 0: the client left first),
//! - `lmcache_fleet_heartbeats_received_total`, `lmcache_fleet_registry_nodes`,
//! - `lmcache_fleet_history_series`, `lmcache_fleet_history_memory_bytes`,
//!   `lmcache_fleet_history_dropped_series_total`,
//! - `lmcache_fleet_scrape_rounds_total`,
//! - with a shared registry (`--registry etcd://`): `lmcache_fleet_registry_backend_up`,
//!   `..._last_sync_timestamp_seconds`, `..._syncs_total`, `..._failed_writes_total`,
//!   `..._deferred_writes_total`, `..._unconfirmed_writes`.
//! Everything is counted here, in one place; the parts owned elsewhere feed it through the
//! setters below. Lives on the server thread.
class DaemonStats final : public QObject {
    Q_OBJECT
public:
    explicit DaemonStats(QObject *parent = nullptr);
    ~DaemonStats() override;

    //! Counts one answered request of `route` (the route pattern, e.g. `/proxy2/{node}`, never
    //! the raw path, so the label set stays small).
    void countRequest(QByteArrayView route, int status);
    //! Counts `reply` under `route` once it completes, whatever path completes it.
    void track(PendingReply &reply, const QByteArray &route);

    //! One heartbeat accepted by the registry.
    void countHeartbeat() { ++m_heartbeats; }
    //! One finished scrape round (on demand or for history).
    void countScrapeRound() { ++m_scrapeRounds; }
    //! Where the registry's size comes from (the registry sets it; unset: not exposed).
    void setRegistrySize(std::function<qint64()> provider) { m_registrySize = std::move(provider); }
    //! The shared registry's state, read when /metrics is served.
    struct RegistryBackend {
        bool up = false;              //!< in step (the view follows it)
        qint64 lastSyncMs = 0;        //!< last known in step, ms since the epoch; 0: never
        qint64 syncs = 0;             //!< full synchronisations
        qint64 failedWrites = 0;      //!< writes it did not take
        qint64 deferredWrites = 0;    //!< writes held back while it was away
        qint64 unconfirmedWrites = 0; //!< writes not confirmed yet
    };
    //! Where the shared registry's state comes from (unset: the in-memory registry, nothing
    //! exposed).
    void setRegistryBackend(std::function<RegistryBackend()> provider) {
        m_registryBackend = std::move(provider);
    }
    //! The history whose size is exposed (null: not exposed). Not owned.
    void setHistory(const HistoryStore *history) { m_history = history; }

    //! The families above with their current values.
    Exposition exposition() const;

private:
    void appendRegistryBackend(Exposition &out) const;

    QHash<QByteArray, qint64> m_requests; // "route\nstatus" → count
    qint64 m_heartbeats = 0;
    qint64 m_scrapeRounds = 0;
    std::function<qint64()> m_registrySize;
    std::function<RegistryBackend()> m_registryBackend;
    const HistoryStore *m_history = nullptr;
};

} // namespace lmcf
