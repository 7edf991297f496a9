#include "DaemonApp.h"

#include "auth/AuditLog.h"
#include "auth/Authorizer.h"
#include "http/HttpFront.h"
#include "proxy/ProxyEngine.h"
#include "registry/NodeCatalog.h"
#include "registry/RegistryService.h"
#include "routes/HealthController.h"
#include "routes/ProxyController.h"

namespace lmcf {

DaemonApp::DaemonApp(DaemonOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options)) {
    ConnectionLimits limits;
    limits.maxConnections = m_options.maxConnections;
    limits.idleTimeoutMs = int(m_options.idleTimeoutS * 1000);
    limits.maxBodyBytes = m_options.maxBodyBytes;
    m_front = std::make_unique<HttpFront>(limits);
    setUpSecurity();
    m_health = std::make_unique<HealthController>();
    m_health->registerRoutes(m_front->server(), *m_authorizer);
    setUpRegistry();
    setUpProxy();
}

DaemonApp::~DaemonApp() = default;

void DaemonApp::setUpSecurity() {
    const auto fail = [this](const QString &why) {
        if (m_configurationError.isEmpty())
            m_configurationError = why;
    };
    std::optional<TokenStore> tokens;
    if (!m_options.authFile.isEmpty()) {
        auto loaded = TokenStore::load(m_options.authFile);
        if (loaded)
            tokens = std::move(loaded).value();
        else
            fail(loaded.error());
    }
    m_authorizer = std::make_unique<Authorizer>(std::move(tokens));
    m_audit = std::make_unique<AuditLog>(m_options.auditLog);
    if (const auto opened = m_audit->open(); !opened)
        fail(opened.error());
    m_authorizer->setAuditLog(m_audit.get());
    if (m_options.noHttp)
        return;
    const QHostAddress host(m_options.host);
    if (const QString exposed = Authorizer::exposureError(host, !m_options.authFile.isEmpty(),
                                                          m_options.insecureNoAuth);
        !host.isNull() && !exposed.isEmpty())
        fail(exposed);
    if (!m_options.tlsCert.isEmpty()) {
        if (const auto tls = m_front->useTls(m_options.tlsCert, m_options.tlsKey); !tls)
            fail(tls.error());
    }
}

void DaemonApp::setUpRegistry() {
    m_registry = std::make_unique<RegistryService>(m_options);
    if (m_configurationError.isEmpty())
        m_configurationError = m_registry->configurationError();
    if (!m_options.noHttp)
        m_registry->registerRoutes(m_front->server(), *m_authorizer, *m_audit);
}

void DaemonApp::setUpProxy() {
    ProxyEngine::Settings engine;
    engine.readTimeoutMs = int(m_options.proxyTimeoutS * 1000);
    engine.trustedProxies = m_options.trustedProxies;
    m_proxyEngine = std::make_unique<ProxyEngine>(engine);
    m_proxy = std::make_unique<ProxyController>(
        m_registry->catalog(), *m_authorizer, *m_audit, *m_proxyEngine,
        ProxyController::Settings{m_options.allowedNodePaths});
    m_proxy->registerRoutes(m_front->server());
}

Outcome<quint16> DaemonApp::start() {
    if (!m_configurationError.isEmpty())
        return Outcome<quint16>::failure(m_configurationError);
    if (m_options.noHttp) {
        m_registry->start(m_options.port);
        return Outcome<quint16>::success(0);
    }
    const QHostAddress address(m_options.host);
    if (address.isNull())
        return Outcome<quint16>::failure(
            QStringLiteral("--host: not an IP address: \"%1\"").arg(m_options.host));
    const auto port = m_front->listen(address, m_options.port);
    if (port)
        m_registry->start(port.value());
    return port;
}

void DaemonApp::shutdown() {
    m_registry->shutdown();
}

} // namespace lmcf
