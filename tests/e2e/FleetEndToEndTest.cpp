// A simulated fleet registers through the real agent with the real daemon, and the daemon
// lists, proxies and aggregates it; nodes that die leave the registry.
#include "ProgramUnderTest.h"
#include "QtPrinters.h"
#include "WaitUntil.h"
#include "api/ApiNodeJson.h"
#include "discovery/InfosDocument.h"
#include "net/HttpClient.h"
#include "prometheus/ExpositionParser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;
using test::ProgramUnderTest;

namespace {

HttpResult get(const QUrl &base, const QString &pathAndQuery) {
    static HttpClient client;
    std::optional<HttpResult> result;
    client.get(QUrl(base.toString() + pathAndQuery), {}, nullptr,
               [&](const HttpResult &r) { result = r; });
    test::waitUntil([&] { return result.has_value(); }, 10000);
    return result.value_or(HttpResult{});
}

int registeredNodes(const QUrl &daemon) {
    const HttpResult infos = get(daemon, QStringLiteral("/lmcache_infos"));
    const auto entries = InfosDocument::read(infos.body);
    return entries.ok() ? int(entries->size()) : -1;
}

class FleetEndToEnd : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_daemon.start()) << m_daemon.errorText().toStdString();
        m_sim = std::make_unique<ProgramUnderTest>(
            QStringLiteral(LMCF_SIM_PATH),
            QStringList{QStringLiteral("--nodes=3"), QStringLiteral("--host=127.0.0.1"),
                        QStringLiteral("--base-port=0"), QStringLiteral("--seed=7"),
                        QStringLiteral("--heartbeat-interval=0.5"),
                        QStringLiteral("--agent-path=" LMCF_AGENT_PATH),
                        QStringLiteral("--heartbeat-url=") + daemonUrl().toString() +
                            QStringLiteral("/lmcache_heartbeat")});
        ASSERT_TRUE(m_sim->start(3)) << m_sim->errorText().toStdString();
        ASSERT_TRUE(test::waitUntil([&] { return registeredNodes(daemonUrl()) == 3; }, 10000))
            << "registered: " << registeredNodes(daemonUrl());
    }

    QUrl daemonUrl() const { return m_daemon.url(); }

    ProgramUnderTest m_daemon{QStringLiteral(LMCF_FLEETD_PATH),
                              {QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0"),
                               QStringLiteral("--node-ttl=2"),
                               QStringLiteral("--state-file=") + QStringLiteral("/dev/null")}};
    std::unique_ptr<ProgramUnderTest> m_sim;
};

} // namespace

TEST_F(FleetEndToEnd, AgentsRegisterAndTheTreeListsThem) {
    const HttpResult nodes = get(daemonUrl(), QStringLiteral("/api/nodes"));
    ASSERT_EQ(nodes.status, 200);
    const auto list = ApiNodeJson::readNodes(nodes.body);
    ASSERT_TRUE(list.ok()) << list.error().toStdString();
    EXPECT_EQ(list->tree.leaves().size(), 3);
    for (const auto &proxy : list->tree.proxies())
        EXPECT_TRUE(proxy.name.startsWith(QStringLiteral("proxy_127.0.0.1_")))
            << proxy.name.toStdString();
}

TEST_F(FleetEndToEnd, ProxyReachesEveryRegisteredNode) {
    const auto list = ApiNodeJson::readNodes(get(daemonUrl(), QStringLiteral("/api/nodes")).body);
    ASSERT_TRUE(list.ok());
    for (const auto &leaf : list->tree.leaves()) {
        const HttpResult status =
            get(daemonUrl(), QStringLiteral("/proxy2/%1/api/status").arg(leaf.name));
        ASSERT_EQ(status.status, 200) << leaf.name.toStdString() << status.body.toStdString();
        const QJsonObject json = QJsonDocument::fromJson(status.body).object();
        EXPECT_TRUE(json.contains(QStringLiteral("engine_type")));
    }
}

TEST_F(FleetEndToEnd, MetricsAggregateEveryNodeWithItsLabel) {
    const HttpResult metrics = get(daemonUrl(), QStringLiteral("/metrics"));
    ASSERT_EQ(metrics.status, 200);
    const auto parsed = ExpositionParser::parse(metrics.body);
    ASSERT_TRUE(parsed.ok()) << parsed.error().toStdString();
    int up = 0;
    for (const auto &family : parsed->families) {
        if (family.name != "lmcache_fleet_node_up")
            continue;
        for (const auto &sample : family.samples)
            up += sample.value == 1.0 ? 1 : 0;
    }
    EXPECT_EQ(up, 3);
    EXPECT_TRUE(metrics.body.contains("lmcache_mp_l1_memory_usage_bytes{node=\"proxy_127.0.0.1_"));
}

TEST_F(FleetEndToEnd, NodesThatDieLeaveTheRegistry) {
    // SIGKILL the simulator: its agents notice their parent is gone and stop beating.
    m_sim->process().kill();
    m_sim->process().waitForFinished(3000);
    EXPECT_TRUE(test::waitUntil([&] { return registeredNodes(daemonUrl()) == 0; }, 8000))
        << "still registered: " << registeredNodes(daemonUrl());
}
