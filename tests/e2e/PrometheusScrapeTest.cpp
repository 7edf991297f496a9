// A real Prometheus, configured with the scrape configuration and rules of packaging/prometheus/,
// follows a simulated fleet through the daemon's /api/sd, scrapes every node itself and the
// daemon's own /metrics, and every node's series arrive with its `node` label.
#include "ProgramUnderTest.h"
#include "PrometheusUnderTest.h"
#include "QtPrinters.h"
#include "WaitUntil.h"
#include "api/ServiceDiscoveryJson.h"
#include "net/HttpClient.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <memory>
#include <optional>

using namespace lmcf;
using test::ProgramUnderTest;
using test::PrometheusUnderTest;

namespace {

constexpr int kNodes = 3;

//! The `node` label of every series of a query result.
QSet<QString> nodesOf(const QJsonArray &result) {
    QSet<QString> nodes;
    for (const QJsonValue &series : result)
        nodes.insert(series[QLatin1String("metric")][QLatin1String("node")].toString());
    return nodes;
}

//! Active targets of one job that Prometheus scraped successfully.
int healthyTargets(const PrometheusUnderTest &prometheus, const QString &job) {
    const QJsonArray targets = prometheus.api(QStringLiteral("/api/v1/targets?state=active"))
                                   .value(QLatin1String("data"))[QLatin1String("activeTargets")]
                                   .toArray();
    int healthy = 0;
    for (const QJsonValue &target : targets) {
        healthy += target[QLatin1String("labels")][QLatin1String("job")].toString() == job &&
                   target[QLatin1String("health")].toString() == QLatin1String("up");
    }
    return healthy;
}

class PrometheusScrape : public ::testing::Test {
protected:
    void SetUp() override {
        if (const auto why = PrometheusUnderTest::unavailable(); !why.empty())
            GTEST_SKIP() << why;
        ASSERT_TRUE(m_daemon.start()) << m_daemon.errorText().toStdString();
        m_sim = std::make_unique<ProgramUnderTest>(
            QStringLiteral(LMCF_SIM_PATH),
            QStringList{QStringLiteral("--nodes=%1").arg(kNodes),
                        QStringLiteral("--host=127.0.0.1"), QStringLiteral("--base-port=0"),
                        QStringLiteral("--seed=11"), QStringLiteral("--heartbeat-interval=0.5"),
                        QStringLiteral("--agent-path=" LMCF_AGENT_PATH),
                        QStringLiteral("--heartbeat-url=") + m_daemon.url().toString() +
                            QStringLiteral("/lmcache_heartbeat")});
        ASSERT_TRUE(m_sim->start(kNodes)) << m_sim->errorText().toStdString();
        ASSERT_TRUE(test::waitUntil([&] { return discoveredNodes().size() == kNodes; }, 10000));
        const QString authority = QStringLiteral("127.0.0.1:%1").arg(m_daemon.url().port());
        ASSERT_TRUE(m_prometheus.start(PrometheusUnderTest::fleetConfig(authority)))
            << m_prometheus.errorText().toStdString();
    }

    //! Node names in the daemon's /api/sd.
    QSet<QString> discoveredNodes() {
        static HttpClient client;
        std::optional<HttpResult> answer;
        QObject context;
        client.get(QUrl(m_daemon.url().toString() + QStringLiteral("/api/sd")), {}, &context,
                   [&](const HttpResult &r) { answer = r; });
        test::waitUntil([&] { return answer.has_value(); }, 6000);
        QSet<QString> nodes;
        if (!answer)
            return nodes;
        const auto groups = ServiceDiscoveryJson::read(answer->body);
        for (const auto &group : groups ? *groups : QList<ServiceDiscoveryGroup>())
            nodes.insert(group.labels.value(QStringLiteral("node")));
        return nodes;
    }

    //! Waits until `promql` returns a series for every discovered node.
    QSet<QString> waitForEveryNode(const QString &promql) {
        const QSet<QString> expected = discoveredNodes();
        QSet<QString> seen;
        test::waitUntil(
            [&] {
                seen = nodesOf(m_prometheus.query(promql));
                return seen == expected;
            },
            15000);
        return seen;
    }

    ProgramUnderTest m_daemon{QStringLiteral(LMCF_FLEETD_PATH),
                              {QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0"),
                               QStringLiteral("--state-file=/dev/null")}};
    std::unique_ptr<ProgramUnderTest> m_sim;
    PrometheusUnderTest m_prometheus;
};

} // namespace

TEST_F(PrometheusScrape, DiscoversAndScrapesEveryNodeWithItsNodeLabel) {
    ASSERT_TRUE(test::waitUntil(
        [&] { return healthyTargets(m_prometheus, QStringLiteral("lmcache-nodes")) == kNodes; },
        15000))
        << "healthy node targets: "
        << healthyTargets(m_prometheus, QStringLiteral("lmcache-nodes"));
    EXPECT_TRUE(test::waitUntil(
        [&] { return healthyTargets(m_prometheus, QStringLiteral("lmcache-fleetd")) == 1; },
        10000));

    const QSet<QString> nodes = discoveredNodes();
    // Both metric families the simulator exports (MP mode and vLLM mode), scraped from each node.
    EXPECT_EQ(waitForEveryNode(QStringLiteral("lmcache_mp_lookup_hit_tokens_total{job=\"lmcache-"
                                              "nodes\"}")),
              nodes);
    EXPECT_EQ(
        waitForEveryNode(QStringLiteral("lmcache:num_lookup_hit_tokens{job=\"lmcache-nodes\"}")),
        nodes);
    // The node name is the instance too; `state`/`version` of /api/sd are not target labels.
    for (const QJsonValue &series :
         m_prometheus.query(QStringLiteral("up{job=\"lmcache-nodes\"}"))) {
        const QJsonObject labels = series[QLatin1String("metric")].toObject();
        EXPECT_EQ(labels.value(QLatin1String("instance")), labels.value(QLatin1String("node")));
        EXPECT_FALSE(labels.contains(QLatin1String("state")));
        EXPECT_FALSE(labels.contains(QLatin1String("version")));
    }
}

TEST_F(PrometheusScrape, DaemonJobKeepsOnlyItsOwnSeriesAndTheShippedRulesEvaluate) {
    const QSet<QString> nodes = discoveredNodes();
    EXPECT_EQ(
        waitForEveryNode(QStringLiteral("lmcache_fleet_node_up{job=\"lmcache-fleetd\"} == 1")),
        nodes);
    // The daemon's aggregated copy of the node series is dropped: nothing is stored twice.
    EXPECT_TRUE(m_prometheus
                    .query(QStringLiteral("{job=\"lmcache-fleetd\",__name__=~\"lmcache_mp_.*|"
                                          "lmcache:.*\"}"))
                    .isEmpty());
    // The shipped recording rules see every node (they need two scrapes for a rate).
    EXPECT_EQ(waitForEveryNode(QStringLiteral("node:lmcache_lookup_requested_tokens:rate5m")),
              nodes);
    EXPECT_TRUE(
        m_prometheus.query(QStringLiteral("ALERTS{alertname=\"LMCacheNodeDown\"}")).isEmpty());
}

// Frontend of frontends: a second daemon serves two simulated nodes and registers itself with
// the head daemon, whose /api/sd sends Prometheus through that daemon's /proxy2/<node>/metrics.
TEST(PrometheusScrapeBehindProxy, NodesBehindAProxyAreScrapedThroughIt) {
    if (const auto why = PrometheusUnderTest::unavailable(); !why.empty())
        GTEST_SKIP() << why;
    ProgramUnderTest sim(QStringLiteral(LMCF_SIM_PATH),
                         {QStringLiteral("--nodes=2"), QStringLiteral("--host=127.0.0.1"),
                          QStringLiteral("--base-port=0"), QStringLiteral("--seed=3")});
    ASSERT_TRUE(sim.start(2)) << sim.errorText().toStdString();
    ProgramUnderTest head(QStringLiteral(LMCF_FLEETD_PATH),
                          {QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0"),
                           QStringLiteral("--state-file=/dev/null")});
    ASSERT_TRUE(head.start()) << head.errorText().toStdString();
    const QString nodes = QStringLiteral(R"([{"name":"sim-a","host":"127.0.0.1","port":%1},)"
                                         R"({"name":"sim-b","host":"127.0.0.1","port":%2}])")
                              .arg(sim.url(0).port())
                              .arg(sim.url(1).port());
    ProgramUnderTest proxy(QStringLiteral(LMCF_FLEETD_PATH),
                           {QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0"),
                            QStringLiteral("--state-file=/dev/null"), QStringLiteral("--nodes"),
                            nodes, QStringLiteral("--heartbeat-interval=1"),
                            QStringLiteral("--heartbeat-url=") + head.url().toString() +
                                QStringLiteral("/lmcache_heartbeat")});
    ASSERT_TRUE(proxy.start()) << proxy.errorText().toStdString();
    const QString authority = QStringLiteral("127.0.0.1:%1").arg(head.url().port());

    PrometheusUnderTest prometheus;
    ASSERT_TRUE(prometheus.start(PrometheusUnderTest::fleetConfig(authority)))
        << prometheus.errorText().toStdString();
    const QString job = QStringLiteral("lmcache-nodes-via-proxy");
    EXPECT_TRUE(test::waitUntil([&] { return healthyTargets(prometheus, job) == 2; }, 20000))
        << "healthy targets behind the proxy: " << healthyTargets(prometheus, job);
    QSet<QString> seen;
    test::waitUntil(
        [&] {
            seen = nodesOf(prometheus.query(
                QStringLiteral("lmcache_mp_lookup_hit_tokens_total{job=\"%1\"}").arg(job)));
            return seen.size() == 2;
        },
        10000);
    EXPECT_EQ(seen, (QSet<QString>{QStringLiteral("sim-a"), QStringLiteral("sim-b")}));
}

// The shipped configuration with its `authorization:` blocks switched on scrapes a daemon that
// needs tokens, with a viewer token.
TEST(PrometheusScrapeWithToken, ViewerTokenFromTheCommentedBlocks) {
    if (const auto why = PrometheusUnderTest::unavailable(); !why.empty())
        GTEST_SKIP() << why;
    QTemporaryDir dir;
    const QString authFile = dir.filePath(QStringLiteral("tokens"));
    QProcess add;
    add.start(QStringLiteral(LMCF_FLEETD_PATH),
              {QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--role=viewer"),
               QStringLiteral("--name=prometheus"), QStringLiteral("--auth-file=") + authFile});
    ASSERT_TRUE(add.waitForFinished(10000));
    const QList<QByteArray> lines = add.readAllStandardOutput().trimmed().split('\n');
    QFile tokenFile(dir.filePath(QStringLiteral("prometheus.token")));
    ASSERT_TRUE(tokenFile.open(QIODevice::WriteOnly));
    tokenFile.write(lines.last().trimmed());
    tokenFile.close();

    ProgramUnderTest sim(QStringLiteral(LMCF_SIM_PATH),
                         {QStringLiteral("--nodes=1"), QStringLiteral("--host=127.0.0.1"),
                          QStringLiteral("--base-port=0")});
    ASSERT_TRUE(sim.start()) << sim.errorText().toStdString();
    ProgramUnderTest daemon(QStringLiteral(LMCF_FLEETD_PATH),
                            {QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0"),
                             QStringLiteral("--state-file=/dev/null"),
                             QStringLiteral("--auth-file=") + authFile, QStringLiteral("--nodes"),
                             QStringLiteral(R"([{"name":"sim-t","host":"127.0.0.1","port":%1}])")
                                 .arg(sim.url().port())});
    ASSERT_TRUE(daemon.start()) << daemon.errorText().toStdString();
    const QString authority = QStringLiteral("127.0.0.1:%1").arg(daemon.url().port());
    PrometheusUnderTest prometheus;
    ASSERT_TRUE(prometheus.start(PrometheusUnderTest::withAuthorization(
        PrometheusUnderTest::fleetConfig(authority), tokenFile.fileName())))
        << prometheus.errorText().toStdString();
    EXPECT_TRUE(test::waitUntil(
        [&] {
            return healthyTargets(prometheus, QStringLiteral("lmcache-nodes")) == 1 &&
                   healthyTargets(prometheus, QStringLiteral("lmcache-fleetd")) == 1;
        },
        15000));
    QSet<QString> seen;
    test::waitUntil(
        [&] {
            seen = nodesOf(prometheus.query(QStringLiteral("lmcache_fleet_node_up == 1")));
            return !seen.isEmpty();
        },
        10000);
    EXPECT_EQ(seen, QSet<QString>{QStringLiteral("sim-t")});
}
