#pragma once

#include <QObject>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace lmcf {

class Authorizer;
class HeartbeatGate;
class NodeRegistry;

//! The discovery service of spec §1: `GET /lmcache_heartbeat` (alias `/heartbeat`) records a
//! heartbeat and answers `{"status":"success"}`; `GET /lmcache_infos[?minute=N|?hour=N]` lists
//! the registry in the original's shape. A missing or bad `api_address` or a bad minute/hour
//! gets 400, a query over 16 KiB gets 414, each with a JSON body. Heartbeats are public but
//! must pass the HeartbeatGate (`--heartbeat-token`, else 403); the list needs Permission::View.
class DiscoveryController final : public QObject {
    Q_OBJECT
public:
    static constexpr int maxQueryBytes = 16 * 1024;

    //! Nothing is owned; everything must outlive the controller.
    DiscoveryController(NodeRegistry *registry, const Authorizer &authorizer,
                        const HeartbeatGate &gate, QObject *parent = nullptr);
    ~DiscoveryController() override;

    void registerRoutes(QHttpServer &server);
    quint64 heartbeatsReceived() const { return m_heartbeats; }

Q_SIGNALS:
    //! A heartbeat from the node at `apiAddress` (as sent; the registry normalises it) was
    //! recorded.
    void heartbeatAccepted(const QString &apiAddress);

public:
private:
    void heartbeat(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void infos(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    NodeRegistry *m_registry;
    const Authorizer &m_authorizer;
    const HeartbeatGate &m_gate;
    quint64 m_heartbeats = 0;
};

} // namespace lmcf
