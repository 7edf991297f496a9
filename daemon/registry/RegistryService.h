#pragma once

#include "DaemonOptions.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <memory>

class QHttpServer;

namespace lmcf {

class AuditLog;
class Authorizer;
class DashboardProbe;
class HeartbeatGate;
class DiscoveryController;
class EtcdGateway;
class EtcdRegistryMirror;
class HttpClient;
class NodeCatalog;
class NodeRegistry;
class NodesController;
class RegistryPersistence;
class RegistryStateFile;
class RemoteDashboards;
class SelfHeartbeat;
class ServiceDiscoveryController;
class SupplierPoller;

//! Everything the daemon does about nodes, wired from its options: the heartbeat registry with
//! expiry and its state file, the node sources merged into one NodeCatalog (supplier, --nodes,
//! --config, API edits, heartbeats), the discovery / node / SD routes, and the daemon's own
//! upstream heartbeat. DaemonApp owns one and hands catalog() to the proxy and the scraper.
class RegistryService final : public QObject {
    Q_OBJECT
public:
    //! Periods tests shorten before start().
    struct Timing {
        int expiryMs = 500;
        int supplierMs = 30'000;
        int probeMs = 30'000;
    };

    //! `upstreamAuthorization` (`Bearer <token>`, --upstream-token-file) goes to the supplier
    //! and to the /api/nodes probe of addresses announcing themselves as lmcache-fleetd;
    //! empty: no credentials are sent.
    explicit RegistryService(const DaemonOptions &options, QByteArray upstreamAuthorization = {},
                             QObject *parent = nullptr);
    ~RegistryService() override;

    //! Why the node options cannot be used (bad --nodes or --config, with the parser's
    //! message naming the field); empty when fine.
    const QString &configurationError() const { return m_error; }

    //! Adds the discovery, node and SD routes (heartbeats checked against --heartbeat-token,
    //! reads need View, edits Operate and are audited). Not called with --no-http.
    void registerRoutes(QHttpServer &server, const Authorizer &authorizer, AuditLog &audit);
    Timing &timing() { return m_timing; }

    //! Restores the state file (a corrupt one is logged and set aside), loads the configured
    //! nodes with the daemon's real port, and starts expiry, the supplier poller and the own
    //! heartbeat.
    void start(quint16 listeningPort);
    //! Stops the timers and writes the state file if the registry changed.
    void shutdown();

    NodeRegistry &registry() { return *m_registry; }
    NodeCatalog &catalog() { return *m_catalog; }
    const NodeCatalog &catalog() const { return *m_catalog; }
    SupplierPoller *supplier() { return m_supplier.get(); }
    SelfHeartbeat *selfHeartbeat() { return m_selfHeartbeat.get(); }
    RegistryStateFile &stateFile() { return *m_stateFile; }
    //! With `--registry etcd://...`: what keeps the registry in step with etcd; else nullptr.
    EtcdRegistryMirror *etcdMirror() { return m_etcdMirror.get(); }
    //! For /health: the shared registry's state (EtcdRegistryMirror::health()); empty for the
    //! in-memory registry.
    QJsonObject sharedRegistryHealth() const;

Q_SIGNALS:
    //! One heartbeat was accepted (for the daemon's own metrics).
    void heartbeatAccepted();

public:
    //! Accepted heartbeats since start (for the daemon's own metrics).
    quint64 heartbeatsReceived() const;
    //! Set when start() found a state file it could not read (and set it aside).
    const QString &restoreProblem() const { return m_restoreProblem; }

private:
    void loadConfiguredNodes(quint16 port);
    void restoreManualNodes();
    void expire();
    void setUpEtcd(const EtcdLocation &location);

    DaemonOptions m_options;
    Timing m_timing;
    QString m_error;
    QString m_restoreProblem;
    bool m_dirty = false;
    bool m_started = false;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<NodeRegistry> m_registry;
    std::unique_ptr<RegistryStateFile> m_stateFile;
    std::unique_ptr<RegistryPersistence> m_persistence;
    std::unique_ptr<NodeCatalog> m_catalog;
    std::unique_ptr<DashboardProbe> m_probe;
    std::unique_ptr<RemoteDashboards> m_dashboards;
    std::unique_ptr<SupplierPoller> m_supplier;
    std::unique_ptr<SelfHeartbeat> m_selfHeartbeat;
    std::unique_ptr<HeartbeatGate> m_gate;
    std::unique_ptr<DiscoveryController> m_discovery;
    std::unique_ptr<NodesController> m_nodesApi;
    std::unique_ptr<ServiceDiscoveryController> m_sd;
    QTimer m_expiry;
    std::unique_ptr<EtcdGateway> m_etcdGateway;
    std::unique_ptr<EtcdRegistryMirror> m_etcdMirror;
};

} // namespace lmcf
