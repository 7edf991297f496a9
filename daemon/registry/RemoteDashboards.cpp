#include "registry/RemoteDashboards.h"

#include "discovery/SupplierConversion.h"
#include "registry/DashboardProbe.h"
#include "registry/NodeCatalog.h"
#include "registry/NodeRegistry.h"

#include <QPointer>

namespace lmcf {

RemoteDashboards::RemoteDashboards(NodeRegistry *registry, NodeCatalog *catalog,
                                   DashboardProbe *probe, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_catalog(catalog)
    , m_probe(probe) {
    m_timer.setInterval(30'000);
    connect(&m_timer, &QTimer::timeout, this, &RemoteDashboards::probeAll);
    m_joinTimer.setSingleShot(true);
    m_joinTimer.setInterval(250);
    connect(&m_joinTimer, &QTimer::timeout, this, &RemoteDashboards::probeNew);
}

RemoteDashboards::~RemoteDashboards() = default;

void RemoteDashboards::start() {
    connect(m_registry, &NodeRegistry::changed, this, [this] {
        if (!m_joinTimer.isActive())
            m_joinTimer.start();
    });
    m_timer.start();
    probeAll();
}

void RemoteDashboards::probeNew() {
    QSet<QString> present;
    for (const RegistryEntry &entry : m_registry->snapshot()) {
        present.insert(entry.apiAddress);
        if (!m_known.contains(entry.apiAddress))
            probeOne(entry.apiAddress);
    }
    m_known = present;
}

void RemoteDashboards::probeAll() {
    m_known.clear();
    probeNew();
}

void RemoteDashboards::probeOne(const QString &apiAddress) {
    if (m_queued.contains(apiAddress))
        return;
    m_queued.insert(apiAddress);
    m_queue.append(apiAddress);
    pump();
}

void RemoteDashboards::pump() {
    while (m_inFlight < maxInFlight && !m_queue.isEmpty()) {
        const QString apiAddress = m_queue.takeFirst();
        m_queued.remove(apiAddress);
        const auto address = NodeAddress::fromApiAddress(apiAddress);
        if (!address)
            continue;
        ++m_inFlight;
        QPointer<RemoteDashboards> self = this;
        const QString baseUrl = address->baseUrl();
        const auto entry = m_registry->entry(apiAddress);
        m_probe->probe(address.value(), SupplierConversion::proxyName(address.value()),
                       entry ? entry->otherInfo : QString(),
                       [self, baseUrl](const QList<LeafNode> &children) {
                           if (!self)
                               return;
                           --self->m_inFlight;
                           self->m_catalog->setRemoteChildren(baseUrl, children);
                           self->pump();
                       });
    }
}

} // namespace lmcf
