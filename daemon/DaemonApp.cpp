#include "DaemonApp.h"

#include "auth/AuditLog.h"
#include "auth/Authorizer.h"
#include "http/HttpFront.h"
#include "proxy/ProxyEngine.h"
#include "proxy/StaticNodeDirectory.h"
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

void DaemonApp::setUpProxy() {
    // TEMPORARY: the proxy reaches the --nodes list only; the lead replaces this with the
    // registry-backed NodeDirectory when the registry lands.
    auto nodes = std::make_unique<StaticNodeDirectory>();
    if (!m_options.nodesJson.isEmpty()) {
        auto parsed = StaticNodeDirectory::fromNodesJson(m_options.nodesJson.toUtf8());
        if (parsed)
            *nodes = std::move(parsed).value();
        else if (m_configurationError.isEmpty())
            m_configurationError = parsed.error();
    }
    m_nodes = std::move(nodes);

    ProxyEngine::Settings engine;
    engine.readTimeoutMs = int(m_options.proxyTimeoutS * 1000);
    engine.trustedProxies = m_options.trustedProxies;
    m_proxyEngine = std::make_unique<ProxyEngine>(engine);
    m_proxy =
        std::make_unique<ProxyController>(*m_nodes, *m_authorizer, *m_audit, *m_proxyEngine,
                                          ProxyController::Settings{m_options.allowedNodePaths});
    m_proxy->registerRoutes(m_front->server());
}

Outcome<quint16> DaemonApp::start() {
    if (!m_configurationError.isEmpty())
        return Outcome<quint16>::failure(m_configurationError);
    if (m_options.noHttp)
        return Outcome<quint16>::success(0);
    const QHostAddress address(m_options.host);
    if (address.isNull())
        return Outcome<quint16>::failure(
            QStringLiteral("--host: not an IP address: \"%1\"").arg(m_options.host));
    return m_front->listen(address, m_options.port);
}

void DaemonApp::shutdown() {}

} // namespace lmcf
