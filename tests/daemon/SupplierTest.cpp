// Node sources across daemons: the supplier (ours as supplier, frontend of frontends, a failing
// supplier) and a daemon heartbeating itself upstream. All daemons run in this process.
#include "QtPrinters.h"
#include "RegistryRig.h"
#include "WaitUntil.h"
#include "api/ServiceDiscoveryJson.h"
#include "registry/NodeCatalog.h"
#include "registry/RegistryService.h"
#include "registry/SelfHeartbeat.h"
#include "registry/SupplierPoller.h"

#include <gtest/gtest.h>
#include <memory>

using namespace lmcf;
using test::fetch;
using test::InProcessDaemon;

namespace {

//! A dashboard daemon with one --nodes leaf "n1".
std::unique_ptr<InProcessDaemon> dashboardWithOneNode() {
    DaemonOptions options;
    options.nodesJson = QStringLiteral(R"([{"name":"n1","host":"127.0.0.1","port":"9300"}])");
    return std::make_unique<InProcessDaemon>(options);
}

QString proxyNameOf(const InProcessDaemon &daemon) {
    return QStringLiteral("proxy_127.0.0.1_%1").arg(daemon.url({}).port());
}

} // namespace

TEST(Supplier, OurDaemonSuppliesAnotherAndChildrenOfADashboardComeThroughIt) {
    InProcessDaemon supplier;
    ASSERT_TRUE(supplier.start());
    auto dashboard = dashboardWithOneNode();
    ASSERT_TRUE(dashboard->start());
    ASSERT_EQ(supplier.heartbeat(dashboard->baseUrl()).status, 200);
    ASSERT_EQ(supplier.heartbeat(QStringLiteral("http://127.0.0.1:9400")).status, 200);

    DaemonOptions options;
    options.nodeSupplierUrl = QUrl(supplier.baseUrl());
    InProcessDaemon head(options);
    head.app().registry().timing().supplierMs = 200;
    ASSERT_TRUE(head.start());
    const NodeCatalog &catalog = head.app().registry().catalog();
    ASSERT_TRUE(test::waitUntil([&] { return catalog.tree().leaf(QStringLiteral("n1")); }, 3000));

    const ProxyNode *proxy = catalog.tree().proxy(proxyNameOf(*dashboard));
    ASSERT_TRUE(proxy);
    ASSERT_EQ(proxy->nodes.size(), 1);
    EXPECT_TRUE(proxy->nodes.front().viaProxy);
    EXPECT_EQ(catalog.baseUrlOf(QStringLiteral("n1")),
              QUrl(dashboard->baseUrl() + QStringLiteral("/proxy2/n1")));
    // A plain node (nothing answers its /api/nodes) is its own single leaf.
    EXPECT_EQ(catalog.baseUrlOf(QStringLiteral("proxy_127.0.0.1_9400")),
              QUrl(QStringLiteral("http://127.0.0.1:9400")));
    const auto leaves = catalog.leafBaseUrls();
    EXPECT_EQ(leaves.size(), 2);

    // Prometheus scrapes the dashboard's child through the dashboard.
    const auto groups = ServiceDiscoveryJson::read(fetch(head.url(QStringLiteral("/api/sd"))).body);
    ASSERT_TRUE(groups);
    const auto child = std::find_if(groups->cbegin(), groups->cend(), [](const auto &g) {
        return g.labels.value(QStringLiteral("node")) == u"n1";
    });
    ASSERT_NE(child, groups->cend());
    EXPECT_EQ(child->targets, QStringList{dashboard->url({}).authority()});
    EXPECT_EQ(child->labels.value(QStringLiteral("__metrics_path__")),
              QStringLiteral("/proxy2/n1/metrics"));
}

TEST(Supplier, AFailingSupplierKeepsThePreviousList) {
    auto supplier = std::make_unique<InProcessDaemon>();
    ASSERT_TRUE(supplier->start());
    ASSERT_EQ(supplier->heartbeat(QStringLiteral("http://127.0.0.1:9401")).status, 200);

    DaemonOptions options;
    options.nodeSupplierUrl = supplier->url(QStringLiteral("/lmcache_infos"));
    InProcessDaemon head(options);
    head.app().registry().timing().supplierMs = 150;
    ASSERT_TRUE(head.start());
    SupplierPoller *poller = head.app().registry().supplier();
    ASSERT_TRUE(poller);
    ASSERT_TRUE(test::waitUntil([&] { return poller->successfulPolls() >= 1; }, 3000));
    const QString name = QStringLiteral("proxy_127.0.0.1_9401");
    EXPECT_TRUE(head.app().registry().catalog().tree().proxy(name));

    supplier.reset(); // the supplier goes away
    ASSERT_TRUE(test::waitUntil([&] { return poller->failedPolls() >= 2; }, 5000));
    EXPECT_TRUE(head.app().registry().catalog().tree().proxy(name));
}

TEST(Supplier, AnEmptySupplierAnswerKeepsThePreviousList) {
    InProcessDaemon supplier;
    ASSERT_TRUE(supplier.start());
    ASSERT_EQ(supplier.heartbeat(QStringLiteral("http://127.0.0.1:9402")).status, 200);
    DaemonOptions options;
    options.nodeSupplierUrl = QUrl(supplier.baseUrl() + QStringLiteral("/"));
    InProcessDaemon head(options);
    head.app().registry().timing().supplierMs = 150;
    ASSERT_TRUE(head.start());
    SupplierPoller *poller = head.app().registry().supplier();
    ASSERT_TRUE(test::waitUntil([&] { return poller->successfulPolls() >= 1; }, 3000));
    EXPECT_EQ(
        fetch(supplier.url(QStringLiteral("/api/nodes/proxy_127.0.0.1_9402")), "DELETE").status,
        200);
    ASSERT_TRUE(test::waitUntil([&] { return poller->failedPolls() >= 1; }, 3000));
    EXPECT_TRUE(
        head.app().registry().catalog().tree().proxy(QStringLiteral("proxy_127.0.0.1_9402")));
}

TEST(Supplier, ADaemonHeartbeatingUpstreamShowsItsNodesAsProxyChildren) {
    InProcessDaemon head;
    ASSERT_TRUE(head.start());

    DaemonOptions options;
    options.nodesJson = QStringLiteral(R"([{"name":"n1","host":"127.0.0.1","port":"9300"}])");
    options.heartbeatUrl = head.url(QStringLiteral("/lmcache_heartbeat"));
    options.heartbeatIntervalS = 1;
    auto child = std::make_unique<InProcessDaemon>(options);
    ASSERT_TRUE(child->start());

    const NodeCatalog &catalog = head.app().registry().catalog();
    ASSERT_TRUE(test::waitUntil([&] { return catalog.tree().leaf(QStringLiteral("n1")); }, 4000));
    const QString proxy = proxyNameOf(*child);
    EXPECT_TRUE(catalog.tree().proxy(proxy));
    EXPECT_EQ(catalog.baseUrlOf(QStringLiteral("n1")),
              QUrl(child->baseUrl() + QStringLiteral("/proxy2/n1")));
    EXPECT_GE(child->app().registry().selfHeartbeat()->accepted(), 1);
}

TEST(Supplier, AdvertisedAddressNeverAnnouncesAWildcard) {
    EXPECT_EQ(SelfHeartbeat::advertisedAddress(QStringLiteral("10.1.2.3"), 8000, false),
              QStringLiteral("http://10.1.2.3:8000"));
    EXPECT_EQ(SelfHeartbeat::advertisedAddress(QStringLiteral("::1"), 8000, true),
              QStringLiteral("https://[::1]:8000"));
    EXPECT_FALSE(SelfHeartbeat::advertisedAddress(QStringLiteral("0.0.0.0"), 8000, false)
                     .contains(QStringLiteral("0.0.0.0")));
}
