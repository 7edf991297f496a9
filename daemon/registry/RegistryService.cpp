#include "registry/RegistryService.h"

#include "auth/HeartbeatGate.h"
#include "model/NodeConfig.h"
#include "net/HttpClient.h"
#include "registry/DashboardProbe.h"
#include "registry/EtcdGateway.h"
#include "registry/EtcdRegistryMirror.h"
#include "registry/ManualNodesFile.h"
#include "registry/NodeCatalog.h"
#include "registry/NodeRegistry.h"
#include "registry/RegistryPersistence.h"
#include "registry/RegistryStateFile.h"
#include "registry/RemoteDashboards.h"
#include "registry/SelfHeartbeat.h"
#include "registry/SupplierPoller.h"
#include "routes/DiscoveryController.h"
#include "routes/NodesController.h"
#include "routes/ServiceDiscoveryController.h"

#include <QLoggingCategory>

namespace lmcf {

namespace {
Q_LOGGING_CATEGORY(lcRegistry, "lmcf.daemon.registry")

//! The address of the `--nodes` proxy (the daemon itself).
NodeAddress ownAddress(const QString &host, quint16 port) {
    const bool wildcard = host.isEmpty() || host == u"0.0.0.0" || host == u"::";
    const auto parsed =
        NodeAddress::parse(wildcard ? QStringLiteral("127.0.0.1") : host, port == 0 ? 8000 : port);
    return parsed ? parsed.value()
                  : NodeAddress{QStringLiteral("http"), QStringLiteral("127.0.0.1"), 8000};
}
} // namespace

RegistryService::RegistryService(const DaemonOptions &options, QByteArray upstreamAuthorization,
                                 QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_client(std::make_unique<HttpClient>())
    , m_registry(std::make_unique<NodeRegistry>()) {
    if (m_options.nodeTtlS)
        m_registry->setTtlOverride(qint64(*m_options.nodeTtlS * 1000));
    m_stateFile = std::make_unique<RegistryStateFile>(
        m_options.stateFile.isEmpty() ? RegistryStateFile::defaultPath() : m_options.stateFile);
    m_persistence = std::make_unique<RegistryPersistence>(m_registry.get(), m_stateFile.get());
    m_catalog = std::make_unique<NodeCatalog>(m_registry.get());
    m_probe = std::make_unique<DashboardProbe>(m_client.get());
    m_probe->setAuthorization(upstreamAuthorization);
    m_dashboards =
        std::make_unique<RemoteDashboards>(m_registry.get(), m_catalog.get(), m_probe.get());
    if (m_options.nodeSupplierUrl.isValid())
        m_supplier = std::make_unique<SupplierPoller>(m_options.nodeSupplierUrl, m_client.get(),
                                                      m_probe.get(), m_catalog.get());
    if (m_supplier)
        m_supplier->setAuthorization(upstreamAuthorization);
    if (m_options.heartbeatUrl.isValid())
        m_selfHeartbeat = std::make_unique<SelfHeartbeat>(m_options.heartbeatUrl, m_client.get());
    m_gate = std::make_unique<HeartbeatGate>(m_options.heartbeatToken.toUtf8());
    connect(&m_expiry, &QTimer::timeout, this, &RegistryService::expire);
    connect(m_registry.get(), &NodeRegistry::changed, this, [this] { m_dirty = true; });
    if (m_options.etcdRegistry)
        setUpEtcd(*m_options.etcdRegistry);

    // Validate the configured nodes now, so a bad flag stops the daemon before it listens.
    loadConfiguredNodes(m_options.port);
}

RegistryService::~RegistryService() {
    m_etcdMirror.reset();
    // The catalog and the controllers refer to the registry: take them down first.
    m_sd.reset();
    m_nodesApi.reset();
    m_discovery.reset();
    m_selfHeartbeat.reset();
    m_supplier.reset();
    m_dashboards.reset();
    m_probe.reset();
    m_catalog.reset();
    m_persistence.reset();
}

void RegistryService::loadConfiguredNodes(quint16 port) {
    if (!m_options.nodesJson.isEmpty()) {
        const auto nodes =
            NodeConfig::parseNodes(m_options.nodesJson.toUtf8(), ownAddress(m_options.host, port));
        if (nodes)
            m_catalog->setNodesTree(nodes.value());
        else if (m_error.isEmpty())
            m_error = QStringLiteral("--nodes: ") + nodes.error();
    }
    if (!m_options.configFile.isEmpty()) {
        const auto config = NodeConfig::readConfigFile(m_options.configFile);
        if (config)
            m_catalog->setConfigTree(config.value());
        else if (m_error.isEmpty())
            m_error = QStringLiteral("--config: ") + config.error();
    }
}

void RegistryService::registerRoutes(QHttpServer &server, const Authorizer &authorizer,
                                     AuditLog &audit) {
    m_discovery = std::make_unique<DiscoveryController>(m_registry.get(), authorizer, *m_gate);
    m_nodesApi = std::make_unique<NodesController>(m_catalog.get(), authorizer, audit);
    m_sd = std::make_unique<ServiceDiscoveryController>(m_catalog.get(), authorizer);
    connect(m_discovery.get(), &DiscoveryController::heartbeatAccepted, this,
            [this](const QString &apiAddress) {
                if (m_etcdMirror)
                    m_etcdMirror->publish(apiAddress);
                Q_EMIT heartbeatAccepted();
            });
    m_discovery->registerRoutes(server);
    m_nodesApi->registerRoutes(server);
    m_sd->registerRoutes(server);
}

void RegistryService::start(quint16 listeningPort) {
    if (m_started)
        return;
    m_started = true;
    const auto restored = m_persistence->restore();
    if (restored) {
        qCInfo(lcRegistry) << "restored" << restored.value() << "nodes from" << m_stateFile->path();
    } else {
        m_restoreProblem = restored.error();
        qCWarning(lcRegistry).noquote()
            << "state file:" << restored.error() << "- starting with an empty registry";
    }
    m_dirty = false;
    if (m_etcdMirror)
        m_etcdMirror->start();
    restoreManualNodes();
    loadConfiguredNodes(listeningPort);
    m_expiry.start(m_timing.expiryMs);
    m_dashboards->setPeriodMs(m_timing.probeMs);
    m_dashboards->start();
    if (m_supplier) {
        m_supplier->setPeriodMs(m_timing.supplierMs);
        m_supplier->start();
    }
    if (m_selfHeartbeat) {
        const bool tls = !m_options.tlsCert.isEmpty();
        m_selfHeartbeat->start(SelfHeartbeat::advertisedAddress(m_options.host, listeningPort, tls),
                               int(m_options.heartbeatIntervalS * 1000),
                               int(m_options.heartbeatInitialDelayS * 1000));
    }
}

void RegistryService::restoreManualNodes() {
    if (RegistryStateFile::isSpecial(m_stateFile->path()))
        return; // e.g. --state-file=/dev/null: nothing is kept
    const ManualNodesFile file(ManualNodesFile::besideStateFile(m_stateFile->path()));
    const auto manual = file.load();
    if (manual)
        m_catalog->setManualTree(manual.value());
    else
        qCWarning(lcRegistry).noquote()
            << "nodes added through the API not restored:" << manual.error();
    connect(m_catalog.get(), &NodeCatalog::manualEdited, this, [this, file] {
        if (const auto saved = file.save(m_catalog->manualTree()); !saved)
            qCWarning(lcRegistry).noquote() << saved.error();
    });
}

quint64 RegistryService::heartbeatsReceived() const {
    return m_discovery ? m_discovery->heartbeatsReceived() : 0;
}

void RegistryService::setUpEtcd(const EtcdLocation &location) {
    m_etcdGateway = std::make_unique<EtcdGateway>(location.endpoints);
    m_etcdMirror = std::make_unique<EtcdRegistryMirror>(m_registry.get(), m_etcdGateway.get(),
                                                        EtcdKeys(location.prefix));
    // An operator's DELETE must reach every daemon, not only this one's view.
    connect(m_catalog.get(), &NodeCatalog::heartbeatNodeRemoved, m_etcdMirror.get(),
            &EtcdRegistryMirror::remove);
    qCInfo(lcRegistry).noquote() << "registry shared through" << location.toString();
}

QJsonObject RegistryService::sharedRegistryHealth() const {
    return m_etcdMirror ? m_etcdMirror->health() : QJsonObject();
}

void RegistryService::expire() {
    // Cut off from etcd, this daemon cannot tell a silent node from one beating elsewhere:
    // it keeps its last view until it is back in step. In step, etcd removes nodes (their
    // lease): report times read back after an outage are old while the node beats elsewhere.
    if (!m_etcdMirror)
        m_registry->expire();
    else if (m_etcdMirror->isCurrent())
        m_registry->expire(NodeRegistry::Removal::External);
    // Heartbeat times shown by the API stay within one period of the truth.
    m_catalog->rebuild();
}

void RegistryService::shutdown() {
    m_expiry.stop();
    // Refreshes do not mark the registry dirty, but their times must survive a restart too.
    if (!m_started || (!m_dirty && m_registry->size() == 0))
        return;
    if (m_persistence->flush())
        m_dirty = false;
    else
        qCWarning(lcRegistry).noquote() << "state file not saved:" << m_persistence->lastError();
}

} // namespace lmcf
