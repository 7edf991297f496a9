#include "registry/NodeCatalog.h"

#include "discovery/SupplierConversion.h"
#include "registry/NodeRegistry.h"

#include <QLoggingCategory>

namespace lmcf {

namespace {

Q_LOGGING_CATEGORY(lcCatalog, "lmcf.daemon.registry")

// Heartbeat times move on every refresh; they must not wake the change feed.
NodeTree withoutTimes(const NodeTree &tree) {
    QList<ProxyNode> proxies = tree.proxies();
    for (ProxyNode &proxy : proxies) {
        proxy.status.lastHeartbeat = {};
        for (LeafNode &leaf : proxy.nodes)
            leaf.status.lastHeartbeat = {};
    }
    return NodeTree(proxies);
}

} // namespace

NodeCatalog::NodeCatalog(NodeRegistry *registry, QObject *parent)
    : QObject(parent)
    , m_registry(registry) {
    m_settleTimer.setSingleShot(true);
    m_settleTimer.setInterval(100);
    connect(&m_settleTimer, &QTimer::timeout, this, &NodeCatalog::rebuild);
    connect(m_registry, &NodeRegistry::changed, this, &NodeCatalog::scheduleRebuild);
    rebuild();
}

NodeCatalog::~NodeCatalog() = default;

void NodeCatalog::setSupplierTree(const NodeTree &tree) {
    m_supplier = tree;
    rebuild();
}

void NodeCatalog::setNodesTree(const NodeTree &tree) {
    m_nodes = tree;
    rebuild();
}

void NodeCatalog::setConfigTree(const NodeTree &tree) {
    m_config = tree;
    rebuild();
}

void NodeCatalog::setManualTree(const NodeTree &tree) {
    m_manual = tree;
    rebuild();
}

void NodeCatalog::setRemoteChildren(const QString &baseUrl, const QList<LeafNode> &children) {
    if (children.isEmpty()) {
        if (m_remoteChildren.remove(baseUrl) == 0)
            return;
    } else {
        if (m_remoteChildren.value(baseUrl) == children)
            return;
        m_remoteChildren.insert(baseUrl, children);
    }
    rebuild();
}

void NodeCatalog::setUnreachable(const QSet<QString> &leafNames) {
    if (leafNames == m_unreachable)
        return;
    m_unreachable = leafNames;
    rebuild();
}

void NodeCatalog::markUnreachable(NodeTree &tree) const {
    if (m_unreachable.isEmpty())
        return;
    // Only a dashboard's children: their dashboard's heartbeat says nothing about each of them.
    // Other nodes keep their source's state (static, or the registry's alive/suspect);
    // lmcache_fleet_node_up tells about their scrapes.
    QList<ProxyNode> proxies = tree.proxies();
    for (ProxyNode &proxy : proxies) {
        for (LeafNode &leaf : proxy.nodes) {
            if (leaf.viaProxy && m_unreachable.contains(leaf.name))
                leaf.status.state = NodeState::Down;
        }
    }
    tree = NodeTree(proxies);
}

void NodeCatalog::scheduleRebuild() {
    m_stale = true;
    if (!m_settleTimer.isActive())
        m_settleTimer.start();
}

void NodeCatalog::settle() const {
    if (m_stale)
        const_cast<NodeCatalog *>(this)->rebuild();
}

quint64 NodeCatalog::index() const {
    settle();
    return m_index;
}

NodeTree NodeCatalog::tree() const {
    settle();
    return m_tree;
}

NodeTree NodeCatalog::heartbeatTree() const {
    const NodeTree plain = m_registry->tree();
    if (m_remoteChildren.isEmpty())
        return plain;
    QList<ProxyNode> proxies = plain.proxies();
    for (ProxyNode &proxy : proxies) {
        const auto it = m_remoteChildren.constFind(proxy.address.baseUrl());
        if (it == m_remoteChildren.cend())
            continue;
        proxy.nodes = it.value();
        for (LeafNode &leaf : proxy.nodes) {
            leaf.proxyName = proxy.name;
            leaf.viaProxy = true;
            // Reached through the dashboard: alive while it heartbeats (and answers).
            leaf.status.state = proxy.status.state;
            leaf.status.lastHeartbeat = proxy.status.lastHeartbeat;
        }
    }
    return NodeTree(proxies);
}

void NodeCatalog::rebuild() {
    m_stale = false;
    m_settleTimer.stop();
    QStringList dropped;
    NodeTree merged =
        NodeTree::merged({m_supplier, m_nodes, m_config, m_manual, heartbeatTree()}, &dropped);
    markUnreachable(merged);
    const bool moved =
        withoutTimes(merged) != withoutTimes(m_tree) || m_registry->index() != m_registryIndex;
    m_registryIndex = m_registry->index();
    if (moved) {
        for (const QString &why : std::as_const(dropped))
            qCInfo(lcCatalog) << "node tree: dropped" << why;
    }
    m_tree = std::move(merged);
    m_baseUrls.clear();
    m_dashboardOf.clear();
    m_dashboards.clear();
    for (const ProxyNode &proxy : m_tree.proxies()) {
        m_baseUrls.insert(proxy.name, proxy.address.url());
        for (const LeafNode &leaf : proxy.nodes) {
            // As NodeTree::baseUrl(), without a lookup per leaf.
            if (leaf.viaProxy) {
                m_dashboardOf.insert(leaf.name, proxy.name);
                m_dashboards.insert(proxy.name);
            }
            if (!m_baseUrls.contains(leaf.name))
                m_baseUrls.insert(leaf.name, leaf.viaProxy
                                                 ? QUrl(proxy.address.baseUrl() +
                                                        QStringLiteral("/proxy2/") + leaf.name)
                                                 : leaf.address.url());
        }
    }
    if (moved) {
        // Never below the registry's index, which survives restarts (so a feed rarely sees the
        // index go back; when it does, a long poll answers at once).
        m_index = qMax(m_index + 1, quint64(m_registry->index()));
        Q_EMIT changed(m_index);
    }
}

std::optional<QUrl> NodeCatalog::baseUrlOf(const QString &nodeName) const {
    // Known names need no rebuild (the proxy asks on every request); an unknown one may have
    // just joined.
    auto it = m_baseUrls.constFind(nodeName);
    if (it == m_baseUrls.cend() && m_stale) {
        settle();
        it = m_baseUrls.constFind(nodeName);
    }
    if (it == m_baseUrls.cend() || !it->isValid())
        return std::nullopt;
    return *it;
}

bool NodeCatalog::isReachedThroughDashboard(const QString &nodeName) const {
    settle();
    return m_dashboards.contains(nodeName) || m_dashboardOf.contains(nodeName);
}

QList<QPair<QString, QUrl>> NodeCatalog::leafBaseUrls() const {
    settle();
    QList<QPair<QString, QUrl>> result;
    for (const LeafNode &leaf : m_tree.leaves()) {
        if (const auto url = baseUrlOf(leaf.name))
            result.append({leaf.name, *url});
    }
    return result;
}

NodeCatalog::Edit NodeCatalog::fromTreeEdit(NodeTree::Edit edit) {
    switch (edit) {
    case NodeTree::Edit::Done:
        return Edit::Done;
    case NodeTree::Edit::NotFound:
        return Edit::NotFound;
    case NodeTree::Edit::NameTaken:
        return Edit::NameTaken;
    }
    return Edit::NotFound;
}

NodeCatalog::Edit NodeCatalog::applied(NodeTree::Edit edit, const NodeTree *source) {
    if (edit != NodeTree::Edit::Done)
        return fromTreeEdit(edit);
    rebuild();
    if (source == &m_manual)
        Q_EMIT manualEdited();
    return Edit::Done;
}

NodeTree *NodeCatalog::editableSourceOf(const QString &name) {
    if (m_supplier.contains(name))
        return nullptr;
    for (NodeTree *source : {&m_nodes, &m_config, &m_manual}) {
        if (source->contains(name))
            return source;
    }
    return nullptr;
}

QString NodeCatalog::heartbeatAddressOf(const QString &name) const {
    for (const RegistryEntry &entry : m_registry->snapshot()) {
        const auto address = NodeAddress::fromApiAddress(entry.apiAddress);
        if (address && SupplierConversion::proxyName(address.value()) == name)
            return entry.apiAddress;
    }
    return {};
}

NodeCatalog::Edit NodeCatalog::addProxy(const ProxyNode &proxy) {
    settle();
    if (m_tree.contains(proxy.name))
        return Edit::NameTaken;
    for (const LeafNode &leaf : proxy.nodes) {
        if (leaf.name != proxy.name && m_tree.contains(leaf.name))
            return Edit::NameTaken;
    }
    return applied(m_manual.addProxy(proxy), &m_manual);
}

NodeCatalog::Edit NodeCatalog::addLeaf(const QString &proxyName, const LeafNode &leaf) {
    settle();
    if (!m_tree.proxy(proxyName))
        return Edit::NotFound;
    if (m_tree.contains(leaf.name))
        return Edit::NameTaken;
    NodeTree *source = editableSourceOf(proxyName);
    if (!source || !source->proxy(proxyName))
        return Edit::ReadOnly;
    return applied(source->addLeaf(proxyName, leaf), source);
}

NodeCatalog::Edit NodeCatalog::update(const QString &name, const NodePatch &patch) {
    settle();
    if (!m_tree.contains(name))
        return Edit::NotFound;
    if (patch.name && *patch.name != name && m_tree.contains(*patch.name))
        return Edit::NameTaken;
    NodeTree *source = editableSourceOf(name);
    if (!source)
        return Edit::ReadOnly;
    return applied(source->update(name, patch), source);
}

NodeCatalog::Edit NodeCatalog::remove(const QString &name) {
    settle();
    if (!m_tree.contains(name))
        return Edit::NotFound;
    if (NodeTree *source = editableSourceOf(name))
        return applied(source->remove(name), source);
    const QString address = heartbeatAddressOf(name);
    if (address.isEmpty())
        return Edit::ReadOnly;
    m_remoteChildren.remove(NodeAddress::fromApiAddress(address)->baseUrl());
    m_registry->remove(address); // emits changed → rebuild()
    Q_EMIT heartbeatNodeRemoved(address);
    return Edit::Done;
}

} // namespace lmcf
