#pragma once

#include "DaemonOptions.h"
#include "core/Outcome.h"

#include <QObject>

#include <memory>

namespace lmcf {

class AuditLog;
class Authorizer;
class HttpFront;
class HealthController;
class ProxyController;
class ProxyEngine;
class RegistryService;

//! Wires the daemon together from its options: the HTTP front and one controller per resource.
//! main() only parses flags, checks configurationError(), calls start() and waits for a
//! termination signal.
class DaemonApp final : public QObject {
    Q_OBJECT
public:
    explicit DaemonApp(DaemonOptions options, QObject *parent = nullptr);
    ~DaemonApp() override;

    //! Why these options cannot run (unreadable auth file, exposed without auth, bad TLS files,
    //! bad --nodes, ...); empty when fine. start() refuses while it is not empty.
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

private:
    void setUpSecurity();
    void setUpRegistry();
    void setUpProxy();

    DaemonOptions m_options;
    QString m_configurationError;
    std::unique_ptr<HttpFront> m_front;
    std::unique_ptr<Authorizer> m_authorizer;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<RegistryService> m_registry;
    std::unique_ptr<ProxyEngine> m_proxyEngine;
    std::unique_ptr<ProxyController> m_proxy;
    std::unique_ptr<HealthController> m_health;
};

} // namespace lmcf
