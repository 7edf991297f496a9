#include "DaemonApp.h"

#include "http/HttpFront.h"
#include "registry/RegistryService.h"
#include "routes/HealthController.h"

namespace lmcf {

DaemonApp::DaemonApp(DaemonOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options)) {
    ConnectionLimits limits;
    limits.maxConnections = m_options.maxConnections;
    limits.idleTimeoutMs = int(m_options.idleTimeoutS * 1000);
    m_front = std::make_unique<HttpFront>(limits);
    m_health = std::make_unique<HealthController>();
    m_health->registerRoutes(m_front->server());
    m_registry = std::make_unique<RegistryService>(m_options);
    m_configurationError = m_registry->configurationError();
    if (!m_options.noHttp)
        m_registry->registerRoutes(m_front->server());
}

DaemonApp::~DaemonApp() = default;

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
