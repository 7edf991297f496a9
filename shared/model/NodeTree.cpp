#include "model/NodeTree.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace lmcf {

const ProxyNode *NodeTree::proxy(const QString &name) const {
    for (const ProxyNode &proxy : m_proxies) {
        if (proxy.name == name)
            return &proxy;
    }
    return nullptr;
}

const LeafNode *NodeTree::leaf(const QString &name) const {
    for (const ProxyNode &proxy : m_proxies) {
        for (const LeafNode &leaf : proxy.nodes) {
            if (leaf.name == name)
                return &leaf;
        }
    }
    return nullptr;
}

QList<LeafNode> NodeTree::leaves() const {
    QList<LeafNode> result;
    QSet<QString> seen;
    for (const ProxyNode &proxy : m_proxies) {
        for (const LeafNode &leaf : proxy.nodes) {
            if (!seen.contains(leaf.name)) {
                seen.insert(leaf.name);
                result.append(leaf);
            }
        }
    }
    return result;
}

std::optional<QString> NodeTree::baseUrl(const QString &name) const {
    if (const ProxyNode *p = proxy(name))
        return p->address.baseUrl();
    const LeafNode *l = leaf(name);
    if (!l)
        return std::nullopt;
    if (!l->viaProxy)
        return l->address.baseUrl();
    const ProxyNode *parent = proxy(l->proxyName);
    if (!parent)
        return std::nullopt;
    return parent->address.baseUrl() + u"/proxy2/"_s + l->name;
}

bool NodeTree::nameUsedOutside(const QString &name, const QString &exceptProxy) const {
    for (const ProxyNode &proxy : m_proxies) {
        if (proxy.name == exceptProxy)
            continue;
        if (proxy.name == name)
            return true;
        for (const LeafNode &leaf : proxy.nodes) {
            if (leaf.name == name)
                return true;
        }
    }
    return false;
}

NodeTree NodeTree::merged(const QList<NodeTree> &sources, QStringList *dropped) {
    // Names in `used` are taken by what is already in `result` (a set: the daemon merges
    // thousands of heartbeat nodes on every change).
    NodeTree result;
    QSet<QString> used;
    for (const NodeTree &source : sources) {
        for (ProxyNode proxy : source.proxies()) {
            if (used.contains(proxy.name)) {
                if (dropped)
                    dropped->append(u"proxy \"%1\": name already used"_s.arg(proxy.name));
                continue;
            }
            QList<LeafNode> kept;
            QSet<QString> keptNames;
            for (const LeafNode &leaf : std::as_const(proxy.nodes)) {
                const bool ownLeaf = leaf.name == proxy.name;
                if (used.contains(leaf.name) || (!ownLeaf && keptNames.contains(leaf.name))) {
                    if (dropped)
                        dropped->append(u"node \"%1\" under proxy \"%2\": name already used"_s.arg(
                            leaf.name, proxy.name));
                    continue;
                }
                kept.append(leaf);
                keptNames.insert(leaf.name);
            }
            used.insert(proxy.name);
            used.unite(keptNames);
            proxy.nodes = kept;
            result.m_proxies.append(proxy);
        }
    }
    return result;
}

NodeTree::Edit NodeTree::addProxy(ProxyNode proxy) {
    if (contains(proxy.name))
        return Edit::NameTaken;
    QSet<QString> names;
    for (LeafNode &leaf : proxy.nodes) {
        if ((leaf.name != proxy.name && contains(leaf.name)) || names.contains(leaf.name))
            return Edit::NameTaken;
        names.insert(leaf.name);
        leaf.proxyName = proxy.name;
    }
    m_proxies.append(std::move(proxy));
    return Edit::Done;
}

NodeTree::Edit NodeTree::addLeaf(const QString &proxyName, LeafNode node) {
    auto it = std::find_if(m_proxies.begin(), m_proxies.end(),
                           [&proxyName](const ProxyNode &p) { return p.name == proxyName; });
    if (it == m_proxies.end())
        return Edit::NotFound;
    const bool ownName = node.name == proxyName;
    if (ownName ? leaf(node.name) != nullptr : contains(node.name))
        return Edit::NameTaken;
    node.proxyName = proxyName;
    it->nodes.append(std::move(node));
    return Edit::Done;
}

NodeTree::Edit NodeTree::updateProxy(int index, const NodePatch &patch) {
    ProxyNode &proxy = m_proxies[index];
    const QString newName = patch.name.value_or(proxy.name);
    if (newName != proxy.name && nameUsedOutside(newName, proxy.name))
        return Edit::NameTaken;
    const bool ownLeaf = proxy.isOwnLeaf();
    if (newName != proxy.name) {
        for (const LeafNode &leaf : std::as_const(proxy.nodes)) {
            if (leaf.name == newName && !ownLeaf)
                return Edit::NameTaken;
        }
    }
    proxy.address = patch.applied(proxy.address);
    if (ownLeaf) {
        proxy.nodes.front().name = newName;
        proxy.nodes.front().address = proxy.address;
    }
    proxy.name = newName;
    for (LeafNode &leaf : proxy.nodes)
        leaf.proxyName = newName;
    return Edit::Done;
}

NodeTree::Edit NodeTree::update(const QString &name, const NodePatch &patch) {
    for (int i = 0; i < m_proxies.size(); ++i) {
        if (m_proxies[i].name == name)
            return updateProxy(i, patch);
    }
    for (ProxyNode &proxy : m_proxies) {
        for (LeafNode &leaf : proxy.nodes) {
            if (leaf.name != name)
                continue;
            if (patch.name && *patch.name != name && contains(*patch.name) &&
                *patch.name != proxy.name)
                return Edit::NameTaken;
            if (patch.name)
                leaf.name = *patch.name;
            leaf.address = patch.applied(leaf.address);
            return Edit::Done;
        }
    }
    return Edit::NotFound;
}

NodeTree::Edit NodeTree::remove(const QString &name) {
    const qsizetype before = m_proxies.size();
    m_proxies.removeIf([&name](const ProxyNode &p) { return p.name == name; });
    if (m_proxies.size() != before)
        return Edit::Done;
    for (ProxyNode &proxy : m_proxies) {
        if (proxy.nodes.removeIf([&name](const LeafNode &l) { return l.name == name; }) > 0)
            return Edit::Done;
    }
    return Edit::NotFound;
}

bool NodeTree::setStatus(const QString &name, const NodeStatus &status) {
    bool found = false;
    for (ProxyNode &proxy : m_proxies) {
        if (proxy.name == name) {
            proxy.status = status;
            found = true;
        }
        for (LeafNode &leaf : proxy.nodes) {
            if (leaf.name == name) {
                leaf.status = status;
                found = true;
            }
        }
    }
    return found;
}

} // namespace lmcf
