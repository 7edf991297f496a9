// NodeCatalog without sockets: source order, the change index, remote children, edits.
#include "registry/NodeCatalog.h"

#include "QtPrinters.h"
#include "WaitUntil.h"
#include "discovery/SupplierConversion.h"
#include "model/NodeConfig.h"
#include "registry/DashboardProbe.h"
#include "registry/NodeRegistry.h"

#include <gtest/gtest.h>

using namespace lmcf;

namespace {

struct CatalogRig {
    qint64 nowMs = 1'700'000'000'000;
    NodeRegistry registry{[this] { return nowMs; }};
    NodeCatalog catalog{&registry};

    void beat(const QString &address, const QString &version = QStringLiteral("1")) {
        registry.recordHeartbeat(Heartbeat{address, 1, version, {}});
    }
};

NodeTree tree(const QByteArray &config) {
    return NodeConfig::parseConfig(config).value();
}

} // namespace

TEST(NodeCatalog, SourcesMergeInTheSpecsOrder) {
    CatalogRig rig;
    rig.catalog.setConfigTree(tree(
        R"([{"name":"p","host":"10.0.0.1","port":1,"nodes":[{"name":"a","host":"10.0.0.2","port":2}]}])"));
    rig.catalog.setSupplierTree(tree(
        R"([{"name":"p","host":"10.0.0.9","port":9,"nodes":[{"name":"b","host":"10.0.0.3","port":3}]}])"));
    rig.beat(QStringLiteral("http://10.0.0.7:7"));
    const NodeTree merged = rig.catalog.tree();
    ASSERT_EQ(merged.proxies().size(), 2);
    EXPECT_EQ(merged.proxy(QStringLiteral("p"))->address.host, QStringLiteral("10.0.0.9"));
    EXPECT_FALSE(merged.leaf(QStringLiteral("a")));
    EXPECT_TRUE(merged.proxy(QStringLiteral("proxy_10.0.0.7_7")));
    EXPECT_EQ(rig.catalog.baseUrlOf(QStringLiteral("b")),
              QUrl(QStringLiteral("http://10.0.0.3:3")));
    EXPECT_EQ(rig.catalog.baseUrlOf(QStringLiteral("nope")), std::nullopt);
    EXPECT_EQ(rig.catalog.leafBaseUrls().size(), 2);
}

TEST(NodeCatalog, IndexMovesOnChangesNotOnRefreshes) {
    CatalogRig rig;
    quint64 signalled = 0;
    int signals = 0;
    QObject::connect(&rig.catalog, &NodeCatalog::changed, [&](quint64 i) {
        signalled = i;
        ++signals;
    });
    const quint64 start = rig.catalog.index();
    rig.beat(QStringLiteral("http://10.0.0.7:7"));
    EXPECT_EQ(rig.catalog.index(), start + 1);
    EXPECT_EQ(signalled, start + 1);
    rig.nowMs += 1000;
    rig.beat(QStringLiteral("http://10.0.0.7:7"));
    rig.catalog.rebuild();
    EXPECT_EQ(rig.catalog.index(), start + 1);
    rig.beat(QStringLiteral("http://10.0.0.7:7"), QStringLiteral("2")); // version changed
    EXPECT_EQ(rig.catalog.index(), start + 2);
    // A burst settles into one step once the event loop runs; the catalog's index never falls
    // below the registry's (which survives restarts).
    const int before = signals;
    for (int i = 0; i < 50; ++i)
        rig.beat(QStringLiteral("http://10.0.1.%1:7").arg(i + 1));
    EXPECT_TRUE(test::waitUntil([&] { return signals > before; }, 1000));
    test::processEventsFor(50);
    EXPECT_EQ(signals, before + 1);
    EXPECT_GE(rig.catalog.index(), rig.registry.index());
    EXPECT_EQ(rig.catalog.index(), signalled);
}

TEST(NodeCatalog, ADashboardsChildrenAreReachedThroughIt) {
    CatalogRig rig;
    rig.beat(QStringLiteral("http://10.0.0.7:8000"));
    LeafNode child{QStringLiteral("w0"),
                   NodeAddress::parse(QStringLiteral("127.0.0.1"), 9000).value(),
                   QString(),
                   false,
                   {}};
    rig.catalog.setRemoteChildren(QStringLiteral("http://10.0.0.7:8000"), {child});
    const ProxyNode *proxy = rig.catalog.tree().proxy(QStringLiteral("proxy_10.0.0.7_8000"));
    ASSERT_TRUE(proxy);
    ASSERT_EQ(proxy->nodes.size(), 1);
    EXPECT_TRUE(proxy->nodes.front().viaProxy);
    EXPECT_EQ(rig.catalog.baseUrlOf(QStringLiteral("w0")),
              QUrl(QStringLiteral("http://10.0.0.7:8000/proxy2/w0")));
    // Both carry the upstream token through the proxy; a plain heartbeating node does not.
    rig.beat(QStringLiteral("http://10.0.0.8:8000"));
    EXPECT_TRUE(rig.catalog.isReachedThroughDashboard(QStringLiteral("w0")));
    EXPECT_TRUE(rig.catalog.isReachedThroughDashboard(QStringLiteral("proxy_10.0.0.7_8000")));
    EXPECT_FALSE(rig.catalog.isReachedThroughDashboard(QStringLiteral("proxy_10.0.0.8_8000")));
    rig.catalog.setRemoteChildren(QStringLiteral("http://10.0.0.7:8000"), {});
    EXPECT_FALSE(rig.catalog.tree().leaf(QStringLiteral("w0")));
    EXPECT_FALSE(rig.catalog.isReachedThroughDashboard(QStringLiteral("proxy_10.0.0.7_8000")));
}

TEST(DashboardProbe, OnlyAnAnnouncedDaemonIsProbedWithTheToken) {
    EXPECT_TRUE(DashboardProbe::announcesDaemon(
        QStringLiteral(R"({"role":"lmcache-fleetd","heartbeat_interval":1})")));
    EXPECT_FALSE(DashboardProbe::announcesDaemon(QStringLiteral(R"({"heartbeat_interval":30})")));
    EXPECT_FALSE(DashboardProbe::announcesDaemon(QStringLiteral(R"({"role":"scheduler"})")));
    EXPECT_FALSE(DashboardProbe::announcesDaemon(QStringLiteral("not json")));
    EXPECT_FALSE(DashboardProbe::announcesDaemon(QString()));
}

TEST(NodeCatalog, VllmProcessesTakeTheirProxysStateUntilTheyCannotBeReached) {
    CatalogRig rig;
    rig.beat(QStringLiteral("http://10.0.0.7:8000"));
    const NodeAddress local = NodeAddress::parse(QStringLiteral("127.0.0.1"), 7000).value();
    rig.catalog.setRemoteChildren(QStringLiteral("http://10.0.0.7:8000"),
                                  {LeafNode{QStringLiteral("i_scheduler"), local, {}, false, {}},
                                   LeafNode{QStringLiteral("i_worker0"), local, {}, false, {}}});
    EXPECT_EQ(rig.catalog.dashboardOf(QStringLiteral("i_worker0")),
              QStringLiteral("proxy_10.0.0.7_8000"));
    EXPECT_TRUE(rig.catalog.dashboardOf(QStringLiteral("proxy_10.0.0.7_8000")).isEmpty());
    EXPECT_EQ(rig.catalog.tree().leaf(QStringLiteral("i_worker0"))->status.state, NodeState::Alive);

    const quint64 before = rig.catalog.index();
    rig.catalog.setUnreachable({QStringLiteral("i_worker0")});
    EXPECT_GT(rig.catalog.index(), before); // the change feed sees it
    EXPECT_EQ(rig.catalog.tree().leaf(QStringLiteral("i_worker0"))->status.state, NodeState::Down);
    EXPECT_EQ(rig.catalog.tree().leaf(QStringLiteral("i_scheduler"))->status.state,
              NodeState::Alive);
    EXPECT_EQ(rig.catalog.tree().proxy(QStringLiteral("proxy_10.0.0.7_8000"))->status.state,
              NodeState::Alive);
    rig.catalog.setUnreachable({});
    EXPECT_EQ(rig.catalog.tree().leaf(QStringLiteral("i_worker0"))->status.state, NodeState::Alive);
}

TEST(NodeCatalog, AnUnreachablePlainNodeKeepsItsSourcesState) {
    CatalogRig rig;
    rig.beat(QStringLiteral("http://10.0.0.8:8085"));
    rig.catalog.setUnreachable({QStringLiteral("proxy_10.0.0.8_8085")});
    const ProxyNode *proxy = rig.catalog.tree().proxy(QStringLiteral("proxy_10.0.0.8_8085"));
    ASSERT_TRUE(proxy);
    EXPECT_EQ(proxy->status.state, NodeState::Alive);
    EXPECT_EQ(proxy->nodes.front().status.state, NodeState::Alive);
}

TEST(NodeCatalog, EditsGoToTheSourceThatOwnsTheNode) {
    CatalogRig rig;
    using Edit = NodeCatalog::Edit;
    rig.catalog.setConfigTree(tree(R"([{"name":"p","host":"10.0.0.1","port":1}])"));
    rig.catalog.setSupplierTree(tree(R"([{"name":"s","host":"10.0.0.9","port":9}])"));
    rig.beat(QStringLiteral("http://10.0.0.7:7"));
    const LeafNode leaf{QStringLiteral("n"),
                        NodeAddress::parse(QStringLiteral("10.0.0.4"), 4).value(),
                        QString(),
                        false,
                        {}};
    EXPECT_EQ(rig.catalog.addLeaf(QStringLiteral("p"), leaf), Edit::Done);
    EXPECT_EQ(
        rig.catalog.addLeaf(QStringLiteral("s"),
                            LeafNode{QStringLiteral("m"), leaf.address, QString(), false, {}}),
        Edit::ReadOnly);
    EXPECT_EQ(rig.catalog.addLeaf(QStringLiteral("zz"), leaf), Edit::NotFound);
    NodePatch rename;
    rename.name = QStringLiteral("s");
    EXPECT_EQ(rig.catalog.update(QStringLiteral("n"), rename), Edit::NameTaken);
    NodePatch port;
    port.port = 44;
    EXPECT_EQ(rig.catalog.update(QStringLiteral("n"), port), Edit::Done);
    EXPECT_EQ(rig.catalog.baseUrlOf(QStringLiteral("n")),
              QUrl(QStringLiteral("http://10.0.0.4:44")));
    EXPECT_EQ(rig.catalog.update(QStringLiteral("s"), port), Edit::ReadOnly);
    EXPECT_EQ(rig.catalog.remove(QStringLiteral("s")), Edit::ReadOnly);
    EXPECT_EQ(rig.catalog.remove(QStringLiteral("proxy_10.0.0.7_7")), Edit::Done);
    EXPECT_EQ(rig.registry.size(), 0);
    EXPECT_EQ(rig.catalog.remove(QStringLiteral("n")), Edit::Done);
    EXPECT_EQ(rig.catalog.remove(QStringLiteral("n")), Edit::NotFound);
}
