#pragma once

#include "DaemonOptions.h"
#include "core/Outcome.h"
#include "scrape/ScrapeRound.h"

#include <QObject>

#include <functional>
#include <memory>

namespace lmcf {

class AuditLog;
class Authorizer;
class HttpFront;
class HealthController;
class ProxyController;
class ProxyEngine;
class DaemonStats;
class FleetScraper;
class HistoryRecorder;
class HistoryStore;
class MetricsController;
class QueryRangeController;
class RegistryService;

//! Wires the daemon together from its options: the HTTP front and one controller per resource.
//! main() only parses flags, checks configurationError(), calls start() and waits for a
//! termination signal.
class DaemonApp final : public QObject {
    Q_OBJECT
public:
    explicit DaemonApp(DaemonOptions options, QObject *parent = nullptr);
    ~DaemonApp() override;

    //! Why these options cannot run (unreadable auth or upstream token file, exposed without auth,
    //! bad TLS files, bad --nodes, ...); empty when fine. start() refuses while it is not empty.
    QString configurationError() const { return m_configurationError; }
    //! Starts serving (unless --no-http). Returns the port listened on, or why it could not.
    Outcome<quint16> start();
    //! Stops listening and flushes state; safe to call twice.
    void shutdown();

    const DaemonOptions &options() const { return m_options; }
    HttpFront &front() { return *m_front; }
    const Authorizer &authorizer() const { return *m_authorizer; }
    AuditLog &auditLog() { return *m_audit; }
    //! The registry, node sources and node API; its catalog() is the proxy's NodeDirectory and
    //! the scraper's list of leaves.
    RegistryService &registry() { return *m_registry; }

    //! Where scrape rounds get their leaf nodes (asked at the start of every round).
    void setScrapeTargets(std::function<QList<ScrapeTarget>()> provider);
    //! The daemon's own counters: the registry feeds heartbeats and its size here.
    DaemonStats &stats() { return *m_stats; }
    FleetScraper &scraper() { return *m_scraper; }
    MetricsController &metrics() { return *m_metrics; }
    const HistoryStore &history() const { return *m_history; }

private:
    void setUpSecurity();
    void setUpRegistry();
    void setUpProxy();

    DaemonOptions m_options;
    QString m_configurationError;
    //! `Authorization` value for node proxies and the supplier (--upstream-token-file), or empty.
    QByteArray m_upstreamAuthorization;
    std::unique_ptr<HttpFront> m_front;
    std::unique_ptr<Authorizer> m_authorizer;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<RegistryService> m_registry;
    std::unique_ptr<ProxyEngine> m_proxyEngine;
    std::unique_ptr<ProxyController> m_proxy;
    std::unique_ptr<HealthController> m_health;
    std::unique_ptr<DaemonStats> m_stats;
    std::unique_ptr<HttpClient> m_scrapeClient;
    std::unique_ptr<FleetScraper> m_scraper;
    std::unique_ptr<HistoryStore> m_history;
    std::unique_ptr<HistoryRecorder> m_recorder;
    std::unique_ptr<MetricsController> m_metrics;
    std::unique_ptr<QueryRangeController> m_queryRange;
};

} // namespace lmcf
