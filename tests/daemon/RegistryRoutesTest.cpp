// The discovery registry, node API, change feed and SD routes of an in-process daemon, over
// real loopback sockets.
#include "QtPrinters.h"
#include "RegistryRig.h"
#include "WaitUntil.h"
#include "api/ApiNodeJson.h"
#include "api/ServiceDiscoveryJson.h"
#include "discovery/InfosDocument.h"
#include "registry/NodeCatalog.h"
#include "registry/NodeRegistry.h"
#include "registry/RegistryService.h"
#include "registry/RegistryStateFile.h"
#include "routes/NodesController.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace lmcf;
using test::fetch;
using test::InProcessDaemon;

namespace {

const QString kNode = QStringLiteral("http://127.0.0.1:9001");

QJsonObject jsonOf(const HttpResult &result) {
    return QJsonDocument::fromJson(result.body).object();
}

//! The state of the node called `name` in /api/nodes, or empty when it is not listed.
QString stateIn(InProcessDaemon &daemon, const QString &name) {
    const auto list = ApiNodeJson::readNodes(fetch(daemon.url(QStringLiteral("/api/nodes"))).body);
    if (!list)
        return QStringLiteral("unreadable");
    const ProxyNode *proxy = list->tree.proxy(name);
    return proxy ? NodeStates::toString(proxy->status.state) : QString();
}

} // namespace

TEST(RegistryRoutes, HeartbeatIsListedInInfosAndNodes) {
    InProcessDaemon daemon;
    ASSERT_TRUE(daemon.start());
    const HttpResult beat = daemon.heartbeat(kNode);
    EXPECT_EQ(beat.status, 200);
    EXPECT_EQ(beat.body, QByteArray(R"({"status":"success"})"));

    const HttpResult infos = fetch(daemon.url(QStringLiteral("/lmcache_infos")));
    ASSERT_EQ(infos.status, 200);
    const auto entries = InfosDocument::read(infos.body);
    ASSERT_TRUE(entries) << entries.error().toStdString();
    ASSERT_EQ(entries->size(), 1);
    EXPECT_EQ(entries->at(0).apiAddress, kNode);
    EXPECT_EQ(entries->at(0).pid, 4242);
    EXPECT_EQ(jsonOf(infos).value(QStringLiteral("processCount")).toInt(), 1);

    EXPECT_EQ(stateIn(daemon, QStringLiteral("proxy_127.0.0.1_9001")), QStringLiteral("alive"));
    EXPECT_EQ(daemon.app().registry().catalog().baseUrlOf(QStringLiteral("proxy_127.0.0.1_9001")),
              QUrl(kNode));
}

TEST(RegistryRoutes, AliasAndBadHeartbeats) {
    InProcessDaemon daemon;
    ASSERT_TRUE(daemon.start());
    const HttpResult alias =
        fetch(daemon.url(QStringLiteral("/heartbeat?api_address=http%3A%2F%2F10.0.0.5%3A8085")));
    EXPECT_EQ(alias.status, 200);

    const HttpResult missing = fetch(daemon.url(QStringLiteral("/lmcache_heartbeat?pid=1")));
    EXPECT_EQ(missing.status, 400);
    EXPECT_TRUE(jsonOf(missing)
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(QStringLiteral("api_address")))
        << missing.body.toStdString();

    const HttpResult invalid =
        fetch(daemon.url(QStringLiteral("/lmcache_heartbeat?api_address=ftp%3A%2F%2Fx")));
    EXPECT_EQ(invalid.status, 400);

    const QString huge = QStringLiteral("/lmcache_heartbeat?api_address=http%3A%2F%2Fa%3A1&x=") +
                         QString(17 * 1024, u'a');
    const HttpResult oversized = fetch(daemon.url(huge));
    EXPECT_EQ(oversized.status, 414);
    EXPECT_TRUE(jsonOf(oversized).contains(QStringLiteral("detail")));
    EXPECT_EQ(daemon.app().registry().registry().size(), 1);
    EXPECT_EQ(daemon.app().registry().heartbeatsReceived(), 1u);
}

TEST(RegistryRoutes, AliveThenSuspectThenExpired) {
    DaemonOptions options;
    options.nodeTtlS = 2.5;
    InProcessDaemon daemon(options);
    daemon.app().registry().timing().expiryMs = 100;
    ASSERT_TRUE(daemon.start());
    ASSERT_EQ(daemon.heartbeat(kNode, 1).status, 200);
    const QString name = QStringLiteral("proxy_127.0.0.1_9001");
    EXPECT_EQ(stateIn(daemon, name), QStringLiteral("alive"));
    EXPECT_TRUE(test::waitUntil([&] { return stateIn(daemon, name) == u"suspect"; }, 2500));
    EXPECT_TRUE(test::waitUntil([&] { return stateIn(daemon, name).isEmpty(); }, 2500));
    EXPECT_TRUE(
        InfosDocument::read(fetch(daemon.url(QStringLiteral("/lmcache_infos"))).body)->isEmpty());
}

TEST(RegistryRoutes, InfosMinuteAndHourFilters) {
    InProcessDaemon daemon;
    // An old entry (10 minutes silent, but announcing a 1-day interval so it stays) and a
    // fresh one.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    RegistryEntry old;
    old.apiAddress = QStringLiteral("http://10.0.0.9:8085");
    old.startTimeMs = now - 3'600'000;
    old.lastReportMs = now - 600'000;
    old.intervalMs = 86'400'000;
    ASSERT_TRUE(RegistryStateFile(daemon.statePath()).save(RegistryState{{old}, 0}));
    ASSERT_TRUE(daemon.start());
    ASSERT_EQ(daemon.heartbeat(kNode).status, 200);

    const auto count = [&](const QString &query) {
        return InfosDocument::read(fetch(daemon.url(QStringLiteral("/lmcache_infos") + query)).body)
            ->size();
    };
    EXPECT_EQ(count({}), 2);
    EXPECT_EQ(count(QStringLiteral("?minute=5")), 1);
    EXPECT_EQ(count(QStringLiteral("?minute=11")), 2);
    EXPECT_EQ(count(QStringLiteral("?hour=1")), 2);
    EXPECT_EQ(fetch(daemon.url(QStringLiteral("/lmcache_infos?minute=abc"))).status, 400);
    EXPECT_EQ(fetch(daemon.url(QStringLiteral("/lmcache_infos?hour=-1"))).status, 400);
}

TEST(RegistryRoutes, NodeCrudHappyPathsAndErrors) {
    InProcessDaemon daemon;
    ASSERT_TRUE(daemon.start());
    const auto call = [&](const QByteArray &method, const QString &path, const QByteArray &body) {
        return fetch(daemon.url(path), method, body);
    };
    EXPECT_EQ(call("POST", QStringLiteral("/api/proxies"),
                   R"({"name":"p1","host":"127.0.0.1","port":9100})")
                  .status,
              201);
    EXPECT_EQ(call("POST", QStringLiteral("/api/proxies"),
                   R"({"name":"p1","host":"127.0.0.1","port":9100})")
                  .status,
              409);
    EXPECT_EQ(call("POST", QStringLiteral("/api/proxies"),
                   R"({"name":"p2","host":"127.0.0.1","port":"abc"})")
                  .status,
              400);
    EXPECT_EQ(call("POST", QStringLiteral("/api/proxies"), R"({"name":"a/b","host":"h","port":1})")
                  .status,
              400);
    EXPECT_EQ(call("POST", QStringLiteral("/api/proxies/p1/nodes"),
                   R"({"name":"n1","host":"127.0.0.1","port":9101})")
                  .status,
              201);
    EXPECT_EQ(call("POST", QStringLiteral("/api/proxies/p1/nodes"),
                   R"({"name":"n1","host":"127.0.0.1","port":9101})")
                  .status,
              409);
    EXPECT_EQ(call("POST", QStringLiteral("/api/proxies/nope/nodes"),
                   R"({"name":"n2","host":"127.0.0.1","port":9101})")
                  .status,
              404);
    EXPECT_EQ(call("PUT", QStringLiteral("/api/nodes/n1"), R"({"port":9102})").status, 200);
    EXPECT_EQ(call("PUT", QStringLiteral("/api/nodes/n1"), R"({"port":0})").status, 400);
    EXPECT_EQ(call("PUT", QStringLiteral("/api/nodes/n1"), R"({"name":"p1"})").status, 409);
    EXPECT_EQ(call("PUT", QStringLiteral("/api/nodes/ghost"), R"({"port":1})").status, 404);

    const HttpResult children = fetch(daemon.url(QStringLiteral("/api/proxies/p1/nodes")));
    ASSERT_EQ(children.status, 200);
    const auto leaves = ApiNodeJson::readProxyNodes(children.body);
    ASSERT_TRUE(leaves) << leaves.error().toStdString();
    ASSERT_EQ(leaves->size(), 1);
    EXPECT_EQ(leaves->at(0).address.port, 9102);
    EXPECT_EQ(fetch(daemon.url(QStringLiteral("/api/proxies/nope/nodes"))).status, 404);
    const auto proxies =
        ApiNodeJson::readProxies(fetch(daemon.url(QStringLiteral("/api/proxies"))).body);
    ASSERT_TRUE(proxies);
    EXPECT_TRUE(proxies->tree.proxy(QStringLiteral("p1")));

    EXPECT_EQ(call("DELETE", QStringLiteral("/api/nodes/n1"), {}).status, 200);
    const HttpResult again = call("DELETE", QStringLiteral("/api/nodes/n1"), {});
    EXPECT_EQ(again.status, 404);
    EXPECT_TRUE(jsonOf(again).contains(QStringLiteral("detail")));
    EXPECT_EQ(call("DELETE", QStringLiteral("/api/nodes/p1"), {}).status, 200);
    EXPECT_TRUE(daemon.app().registry().catalog().tree().isEmpty());
}

TEST(RegistryRoutes, DeletingAHeartbeatNodeForgetsIt) {
    InProcessDaemon daemon;
    ASSERT_TRUE(daemon.start());
    ASSERT_EQ(daemon.heartbeat(kNode).status, 200);
    EXPECT_EQ(fetch(daemon.url(QStringLiteral("/api/nodes/proxy_127.0.0.1_9001")), "DELETE").status,
              200);
    EXPECT_EQ(daemon.app().registry().registry().size(), 0);
}

TEST(RegistryRoutes, ChangeFeedWakesWithinASecondOfAJoin) {
    InProcessDaemon daemon;
    ASSERT_TRUE(daemon.start());
    const quint64 index = daemon.app().registry().catalog().index();
    std::optional<HttpResult> polled;
    QElapsedTimer sinceJoin;
    QTimer::singleShot(300, [&] {
        sinceJoin.start();
        daemon.heartbeat(kNode);
    });
    polled = fetch(daemon.url(QStringLiteral("/api/nodes?index=%1&wait=20s").arg(index)));
    ASSERT_TRUE(sinceJoin.isValid());
    EXPECT_LT(sinceJoin.elapsed(), 5000); // woken by the join, not by the 20 s wait
    ASSERT_EQ(polled->status, 200);
    const auto list = ApiNodeJson::readNodes(polled->body);
    ASSERT_TRUE(list);
    EXPECT_GT(list->index, index);
    EXPECT_TRUE(list->tree.proxy(QStringLiteral("proxy_127.0.0.1_9001")));
}

TEST(RegistryRoutes, LongPollTimesOutWithTheSameIndexAndRefusesBadValues) {
    InProcessDaemon daemon;
    ASSERT_TRUE(daemon.start());
    const quint64 index = daemon.app().registry().catalog().index();
    QElapsedTimer clock;
    clock.start();
    const HttpResult timedOut =
        fetch(daemon.url(QStringLiteral("/api/nodes?index=%1&wait=300ms").arg(index)));
    EXPECT_GE(clock.elapsed(), 250);
    ASSERT_EQ(timedOut.status, 200);
    EXPECT_EQ(ApiNodeJson::readNodes(timedOut.body)->index, index);
    // An old index answers at once.
    clock.restart();
    EXPECT_EQ(
        fetch(daemon.url(QStringLiteral("/api/nodes?index=%1&wait=30s").arg(index + 7))).status,
        200);
    EXPECT_LT(clock.elapsed(), 5000); // not the 30 s wait
    EXPECT_EQ(fetch(daemon.url(QStringLiteral("/api/nodes?index=x"))).status, 400);
    EXPECT_EQ(fetch(daemon.url(QStringLiteral("/api/nodes?index=1&wait=soon"))).status, 400);
    EXPECT_EQ(NodesController::parseWaitMs(QStringLiteral("1.5s")), 1500);
    EXPECT_EQ(NodesController::parseWaitMs(QStringLiteral("2m")), 120'000);
    EXPECT_EQ(NodesController::parseWaitMs(QStringLiteral("500ms")), 500);
    EXPECT_EQ(NodesController::parseWaitMs(QStringLiteral("1h")), std::nullopt);
    EXPECT_EQ(NodesController::parseWaitMs(QStringLiteral("99m")), 300'000);
}

TEST(RegistryRoutes, TwoHundredClientsLeavingALongPollDoNotCrashIt) {
    InProcessDaemon daemon;
    ASSERT_TRUE(daemon.start());
    const quint64 index = daemon.app().registry().catalog().index();
    const QByteArray request = QStringLiteral("GET /api/nodes?index=%1&wait=30s HTTP/1.1\r\n"
                                              "Host: x\r\n\r\n")
                                   .arg(index)
                                   .toLatin1();
    const quint16 port = daemon.url({}).port();
    for (int i = 0; i < 200; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        ASSERT_TRUE(socket.waitForConnected(2000));
        socket.write(request);
        socket.waitForBytesWritten(1000);
        if (i % 2 == 0)
            test::processEventsFor(2);
        socket.abort();
    }
    test::processEventsFor(200);
    // A change now must not write to any of the departed clients.
    EXPECT_EQ(daemon.heartbeat(kNode).status, 200);
    EXPECT_EQ(fetch(daemon.url(QStringLiteral("/health"))).status, 200);
    EXPECT_TRUE(
        test::waitUntil([&] { return daemon.app().registry().catalog().index() > index; }, 1000));
}

TEST(RegistryRoutes, ServerSentEventsAnnounceChanges) {
    InProcessDaemon daemon;
    ASSERT_TRUE(daemon.start());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, daemon.url({}).port());
    ASSERT_TRUE(socket.waitForConnected(2000));
    socket.write("GET /api/events HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray seen;
    const auto has = [&](const QByteArray &text) {
        return test::waitUntil(
            [&] {
                seen += socket.readAll();
                return seen.contains(text);
            },
            2000);
    };
    const quint64 index = daemon.app().registry().catalog().index();
    EXPECT_TRUE(has("text/event-stream"));
    EXPECT_TRUE(has("data: {\"index\":" + QByteArray::number(index) + "}"));
    daemon.heartbeat(kNode);
    EXPECT_TRUE(has("data: {\"index\":" + QByteArray::number(index + 1) + "}"))
        << seen.toStdString();
    socket.abort();
    test::processEventsFor(50);
    daemon.heartbeat(QStringLiteral("http://127.0.0.1:9002"));
    EXPECT_EQ(fetch(daemon.url(QStringLiteral("/health"))).status, 200);
}

TEST(RegistryRoutes, ServiceDiscoveryListsEveryLeaf) {
    DaemonOptions options;
    options.nodesJson = QStringLiteral(R"([{"name":"n1","host":"127.0.0.1","port":"9200"}])");
    InProcessDaemon daemon(options);
    ASSERT_TRUE(daemon.start());
    daemon.heartbeat(kNode);
    const HttpResult sd = fetch(daemon.url(QStringLiteral("/api/sd")));
    ASSERT_EQ(sd.status, 200);
    const auto groups = ServiceDiscoveryJson::read(sd.body);
    ASSERT_TRUE(groups) << groups.error().toStdString();
    ASSERT_EQ(groups->size(), 2);
    EXPECT_EQ(groups->at(0).targets, QStringList{QStringLiteral("127.0.0.1:9200")});
    EXPECT_EQ(groups->at(0).labels.value(QStringLiteral("node")), QStringLiteral("n1"));
    EXPECT_EQ(groups->at(0).labels.value(QStringLiteral("__scheme__")), QStringLiteral("http"));
    EXPECT_EQ(groups->at(1).targets, QStringList{QStringLiteral("127.0.0.1:9001")});
    EXPECT_EQ(groups->at(1).labels.value(QStringLiteral("version")), QStringLiteral("0.3.9"));
}

TEST(RegistryRoutes, BadNodesFlagIsAConfigurationError) {
    DaemonOptions options;
    options.nodesJson = QStringLiteral(R"([{"name":"n1","host":"127.0.0.1","port":"abc"}])");
    InProcessDaemon daemon(options);
    EXPECT_TRUE(daemon.app().configurationError().contains(QStringLiteral("nodes[0].port")))
        << daemon.app().configurationError().toStdString();
    EXPECT_FALSE(daemon.start());
}

TEST(RegistryRoutes, ConfigFileNodesAreStaticAndABadOneIsRefused) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nodes.json"));
    const auto write = [&](const QByteArray &json) {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(json);
    };
    write(R"([{"name":"p","host":"127.0.0.1","port":9500,)"
          R"("nodes":[{"name":"w","host":"127.0.0.1","port":9501}]}])");
    DaemonOptions options;
    options.configFile = path;
    {
        InProcessDaemon daemon(options);
        ASSERT_TRUE(daemon.start()) << daemon.app().configurationError().toStdString();
        const auto list =
            ApiNodeJson::readNodes(fetch(daemon.url(QStringLiteral("/api/nodes"))).body);
        ASSERT_TRUE(list);
        const LeafNode *leaf = list->tree.leaf(QStringLiteral("w"));
        ASSERT_TRUE(leaf);
        EXPECT_EQ(leaf->status.state, NodeState::Static);
        EXPECT_EQ(leaf->proxyName, QStringLiteral("p"));
    }
    write(R"([{"name":"p","host":"127.0.0.1","port":9500,"nodes":[{"host":"h","port":1}]}])");
    InProcessDaemon refused(options);
    EXPECT_TRUE(refused.app().configurationError().contains(QStringLiteral("[0].nodes[0].name")))
        << refused.app().configurationError().toStdString();
    EXPECT_FALSE(refused.start());
}
