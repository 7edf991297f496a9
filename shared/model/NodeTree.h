#pragma once

#include "model/NodePatch.h"
#include "model/ProxyNode.h"

#include <QStringList>

#include <optional>

namespace lmcf {

//! The fleet as the dashboard shows it: proxies with their leaves (spec §2). Plain data.
//!
//! Names: every proxy and leaf name is unique in the tree, except that a proxy's own leaf
//! (ProxyNode::isOwnLeaf) shares the proxy's name. Lookups by name find a proxy first, then a
//! leaf, like the original's `/proxy2/{node}` route.
class NodeTree final {
public:
    NodeTree() = default;
    explicit NodeTree(QList<ProxyNode> proxies)
        : m_proxies(std::move(proxies)) {}

    const QList<ProxyNode> &proxies() const { return m_proxies; }
    bool isEmpty() const { return m_proxies.isEmpty(); }

    //! The proxy called `name`, or nullptr.
    const ProxyNode *proxy(const QString &name) const;
    //! The leaf called `name` (first in tree order), or nullptr.
    const LeafNode *leaf(const QString &name) const;
    //! True when a proxy or a leaf is called `name`.
    bool contains(const QString &name) const { return proxy(name) || leaf(name); }
    //! Every leaf in tree order, each name once (what the scraper and `/api/sd` walk).
    QList<LeafNode> leaves() const;
    //! The base URL requests for `name` go to (no trailing slash): a proxy's own address, a
    //! leaf's address, or for a leaf reached through its proxy `<proxy base>/proxy2/<name>`.
    //! nullopt for an unknown name.
    std::optional<QString> baseUrl(const QString &name) const;

    //! Merges sources in priority order (the daemon passes supplier, `--nodes`, `--config`,
    //! heartbeats). First wins: a proxy whose name is already taken is dropped whole; a leaf
    //! whose name is taken elsewhere is dropped from its proxy. Each drop is described in
    //! `dropped` (for a log line) when given.
    static NodeTree merged(const QList<NodeTree> &sources, QStringList *dropped = nullptr);

    //! Result of an edit; the daemon maps NotFound → 404 and NameTaken → 409.
    enum class Edit { Done, NotFound, NameTaken };
    //! Adds a proxy (with its leaves); NameTaken if its name or a leaf name is in use.
    Edit addProxy(ProxyNode proxy);
    //! Adds a leaf under `proxyName` (its proxyName is set); NotFound / NameTaken.
    Edit addLeaf(const QString &proxyName, LeafNode node);
    //! Updates a proxy (first) or leaf called `name`. Renaming a proxy renames its own leaf and
    //! re-parents its children; NameTaken if the new name is used by another node.
    Edit update(const QString &name, const NodePatch &patch);
    //! Removes a proxy (with its leaves) or, when no proxy has that name, a leaf.
    Edit remove(const QString &name);
    //! Sets the status of the proxy and/or leaf called `name`; false when unknown.
    bool setStatus(const QString &name, const NodeStatus &status);

    bool operator==(const NodeTree &other) const = default;

private:
    //! True when `name` is used by a node other than `exceptProxy` and its own leaf.
    bool nameUsedOutside(const QString &name, const QString &exceptProxy) const;
    Edit updateProxy(int index, const NodePatch &patch);

    QList<ProxyNode> m_proxies;
};

} // namespace lmcf
