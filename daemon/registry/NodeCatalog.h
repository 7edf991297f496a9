#pragma once

#include "model/NodeTree.h"
#include "proxy/NodeDirectory.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <optional>

namespace lmcf {

class NodeRegistry;

//! The daemon's one node tree, merged from every source in the spec's order (§2): the
//! supplier, `--nodes`, `--config`, nodes added through the API ("manual"), then heartbeats
//! received directly (NodeRegistry). A heartbeating node that turned out to be another dashboard
//! (RemoteDashboards probed its /api/nodes) shows that dashboard's leaves as its children.
//!
//! index() starts at 0 and grows by one whenever the merged tree changes (names, addresses,
//! states, versions; not heartbeat times) or the registry's change index moves; changed(index)
//! follows each step. The proxy, the scraper and the API all read this one object.
//!
//! Registry changes come in bursts (a fleet restarting joins thousands of nodes), so they mark
//! the tree stale and one rebuild follows within 100 ms (then changed() fires); tree(), index()
//! and edits settle a stale tree first, and baseUrlOf() does when it does not know the name, so
//! readers never see an out-of-date answer.
class NodeCatalog final : public QObject, public NodeDirectory {
    Q_OBJECT

public:
    //! `registry` is not owned and must outlive the catalog.
    explicit NodeCatalog(NodeRegistry *registry, QObject *parent = nullptr);
    ~NodeCatalog() override;

    // --- sources ---------------------------------------------------------------------------
    void setSupplierTree(const NodeTree &tree);
    void setNodesTree(const NodeTree &tree);
    void setConfigTree(const NodeTree &tree);
    //! The leaves another dashboard at `baseUrl` (a heartbeating node) serves; an empty list
    //! makes it a plain node again.
    void setRemoteChildren(const QString &baseUrl, const QList<LeafNode> &children);
    //! Nodes added through the API (restored from disk at start).
    void setManualTree(const NodeTree &tree);
    const NodeTree &manualTree() const { return m_manual; }

    // --- reading ---------------------------------------------------------------------------
    quint64 index() const;
    NodeTree tree() const;
    //! The base URL requests for `nodeName` (a proxy or a leaf) go to: the node's own address,
    //! or `<proxy base>/proxy2/<name>` for a leaf only reachable through its dashboard.
    //! Nothing for an unknown name. This is what the proxy resolves `/proxy2/{node}` with.
    std::optional<QUrl> baseUrlOf(const QString &nodeName) const override;
    //! Every leaf with its base URL, in tree order (what the scraper walks: `<base>/metrics`).
    QList<QPair<QString, QUrl>> leafBaseUrls() const;
    //! The proxy a leaf is reached through when it is another dashboard's child (a vLLM
    //! process behind its node's proxy); empty otherwise.
    QString dashboardOf(const QString &leafName) const { return m_dashboardOf.value(leafName); }
    //! A proxy with children reached through it (another dashboard), or such a child.
    bool isReachedThroughDashboard(const QString &nodeName) const override;

    //! The leaves the last scrape could not reach (the scraper says so after every round). A
    //! dashboard's child among them (a vLLM process behind its node's proxy) is shown `down`
    //! until it answers again; otherwise such children take the state of the dashboard they sit
    //! under. Other nodes keep their source's state (static, or the registry's).
    void setUnreachable(const QSet<QString> &leafNames);

    // --- editing (the API's CRUD) ----------------------------------------------------------
    //! ReadOnly: the node comes from the supplier or sits under another dashboard (409).
    enum class Edit { Done, NotFound, NameTaken, ReadOnly };
    Edit addProxy(const ProxyNode &proxy);
    Edit addLeaf(const QString &proxyName, const LeafNode &leaf);
    Edit update(const QString &name, const NodePatch &patch);
    //! Removes a configured node or proxy, or forgets a heartbeating one (it comes back with
    //! its next heartbeat).
    Edit remove(const QString &name);

    //! Merges the sources again (the daemon calls it after expiry so heartbeat times stay
    //! fresh); moves the index only if something that counts changed.
    void rebuild();

Q_SIGNALS:
    void changed(quint64 index);
    //! An API edit changed the manual source (so it can be saved).
    void manualEdited();
    //! remove() forgot a heartbeating node (so a shared registry can forget it too).
    void heartbeatNodeRemoved(const QString &apiAddress);

private:
    NodeTree heartbeatTree() const;
    void markUnreachable(NodeTree &tree) const;
    void scheduleRebuild();
    //! Rebuilds now if a registry change is pending (reads are const; the cache is not).
    void settle() const;
    //! The editable source holding `name` (proxy or leaf), or nullptr.
    NodeTree *editableSourceOf(const QString &name);
    //! The registry address of the heartbeat proxy called `name`, or empty.
    QString heartbeatAddressOf(const QString &name) const;
    static Edit fromTreeEdit(NodeTree::Edit edit);
    //! Rebuilds after a successful edit of `source`.
    Edit applied(NodeTree::Edit edit, const NodeTree *source);

    NodeRegistry *m_registry;
    NodeTree m_supplier;
    NodeTree m_nodes;
    NodeTree m_config;
    NodeTree m_manual;
    QHash<QString, QList<LeafNode>> m_remoteChildren;
    QSet<QString> m_unreachable;
    QHash<QString, QString> m_dashboardOf;
    QSet<QString> m_dashboards; // proxies whose children are reached through them

    NodeTree m_tree;
    QHash<QString, QUrl> m_baseUrls;
    quint64 m_index = 0;
    quint64 m_registryIndex = 0;
    bool m_stale = false;
    QTimer m_settleTimer;
};

} // namespace lmcf
