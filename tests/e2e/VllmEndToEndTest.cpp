// vLLM mode end to end (spec §3b): a simulated fleet of 2 vLLM instances × (scheduler + 2
// workers) launches the real scheduler_lmcache_fleet_plugin.sh the way LMCache's launcher does;
// each shim runs a real node-local lmcache-fleetd that heartbeats to a real head lmcache-fleetd,
// which then lists, proxies (two hops) and aggregates every process.
#include "AgentLauncher.h"
#include "ProgramUnderTest.h"
#include "QtPrinters.h"
#include "SimFleet.h"
#include "SimNode.h"
#include "WaitUntil.h"
#include "api/ApiNodeJson.h"
#include "net/HttpClient.h"
#include "prometheus/ExpositionParser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryFile>

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;
using namespace Qt::StringLiterals;
using test::ProgramUnderTest;

namespace {

const QString kShim = QStringLiteral(LMCF_VLLM_SHIM_PATH);

HttpResult get(const QUrl &base, const QString &pathAndQuery) {
    static HttpClient client;
    std::optional<HttpResult> result;
    HttpRequestOptions options;
    options.timeoutMs = 8000;
    client.get(QUrl(base.toString() + pathAndQuery), options, nullptr,
               [&](const HttpResult &r) { result = r; });
    test::waitUntil([&] { return result.has_value(); }, 10000);
    return result.value_or(HttpResult{});
}

NodeTree headTree(const QUrl &head) {
    const auto list = ApiNodeJson::readNodes(get(head, u"/api/nodes"_s).body);
    return list ? list->tree : NodeTree{};
}

//! Proxies that carry more than themselves, with their children's names.
QMap<QString, QStringList> proxiesWithChildren(const NodeTree &tree) {
    QMap<QString, QStringList> result;
    for (const ProxyNode &proxy : tree.proxies()) {
        if (proxy.isOwnLeaf())
            continue;
        for (const LeafNode &leaf : proxy.nodes)
            result[proxy.name] << leaf.name;
    }
    return result;
}

std::optional<NodeState> stateOf(const NodeTree &tree, const QString &leaf) {
    for (const LeafNode &node : tree.leaves()) {
        if (node.name == leaf)
            return node.status.state;
    }
    return std::nullopt;
}

//! Runs the shim as LMCache's launcher would, with `environment`; returns {exit code, stderr}.
QPair<int, QString> runShim(const QProcessEnvironment &environment) {
    QProcess shim;
    shim.setProcessEnvironment(environment);
    shim.start(kShim, {});
    if (!shim.waitForFinished(10000)) {
        shim.kill();
        shim.waitForFinished(2000);
        return {-1, u"still running"_s};
    }
    return {shim.exitCode(), QString::fromUtf8(shim.readAllStandardError())};
}

class VllmEndToEnd : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_head.start()) << m_head.errorText().toStdString();
        SimOptions options;
        options.mode = SimMode::Vllm;
        options.nodes = 2;
        options.workers = 2;
        options.heartbeatUrl = QUrl(m_head.url().toString() + u"/lmcache_heartbeat"_s);
        options.heartbeatIntervalS = 1;
        options.plugins = {kShim};
        m_fleet = std::make_unique<SimFleet>(options, QString());
        const auto started = m_fleet->start();
        ASSERT_TRUE(started.ok()) << started.error().toStdString();
        ASSERT_EQ(m_fleet->nodes().size(), 6);
        ASSERT_EQ(m_fleet->plugins().size(), 2); // the shim, on each scheduler only
        ASSERT_TRUE(test::waitUntil(
            [&] {
                const auto proxies = proxiesWithChildren(headTree(m_head.url()));
                return proxies.size() == 2 && proxies.first().size() == 3 &&
                       proxies.last().size() == 3;
            },
            15000))
            << "head lists: " << get(m_head.url(), u"/api/nodes"_s).body.toStdString();
    }

    SimNode *process(const QString &name) const {
        for (SimNode *node : m_fleet->nodes()) {
            if (node->name() == name)
                return node;
        }
        return nullptr;
    }

    ProgramUnderTest m_head{QStringLiteral(LMCF_FLEETD_PATH),
                            {u"--host=127.0.0.1"_s, u"--port=0"_s, u"--scrape-interval=0.5"_s,
                             u"--scrape-timeout=1"_s, u"--state-file=/dev/null"_s}};
    std::unique_ptr<SimFleet> m_fleet;
};

} // namespace

TEST_F(VllmEndToEnd, HeadShowsTwoProxiesOfThreeProcesses) {
    const QMap<QString, QStringList> proxies = proxiesWithChildren(headTree(m_head.url()));
    QStringList children;
    for (const QStringList &names : proxies) {
        children += names;
    }
    for (const QString &proxy : proxies.keys())
        EXPECT_TRUE(proxy.startsWith(u"proxy_127.0.0.1_"_s)) << proxy.toStdString();
    children.sort();
    EXPECT_EQ(children, (QStringList{u"sim-vllm-01_scheduler"_s, u"sim-vllm-01_worker0"_s,
                                     u"sim-vllm-01_worker1"_s, u"sim-vllm-02_scheduler"_s,
                                     u"sim-vllm-02_worker0"_s, u"sim-vllm-02_worker1"_s}));
    const NodeTree tree = headTree(m_head.url());
    for (const LeafNode &leaf : tree.leaves()) {
        // Alive, or suspect when a loaded machine delays a heartbeat; never down.
        EXPECT_TRUE(leaf.status.state == NodeState::Alive ||
                    leaf.status.state == NodeState::Suspect)
            << leaf.name.toStdString();
    }
}

TEST_F(VllmEndToEnd, ProcessPagesGoThroughBothHops) {
    const HttpResult meta = get(m_head.url(), u"/proxy2/sim-vllm-02_worker1/meta"_s);
    ASSERT_EQ(meta.status, 200) << meta.body.toStdString();
    const QJsonObject metaJson = QJsonDocument::fromJson(meta.body).object();
    EXPECT_EQ(metaJson.value(u"worker_id"_s).toInt(), 1);
    EXPECT_EQ(metaJson.value(u"instance_id"_s).toString(), u"sim-vllm-02"_s);

    // The original's explicit form: /proxy2/<node proxy>/proxy2/<process>/<path>.
    QString proxy;
    const NodeTree tree = headTree(m_head.url());
    for (const ProxyNode &p : tree.proxies()) {
        for (const LeafNode &leaf : p.nodes)
            if (leaf.name == u"sim-vllm-02_worker1"_s)
                proxy = p.name;
    }
    ASSERT_FALSE(proxy.isEmpty());
    const HttpResult info =
        get(m_head.url(), u"/proxy2/%1/proxy2/sim-vllm-02_worker1/inference_info"_s.arg(proxy));
    ASSERT_EQ(info.status, 200) << info.body.toStdString();
    EXPECT_TRUE(QJsonDocument::fromJson(info.body).object().contains(u"vllm_version"_s));

    const HttpResult conf =
        get(m_head.url(), u"/proxy2/sim-vllm-01_scheduler/conf?names=lmcache_instance_id"_s);
    ASSERT_EQ(conf.status, 200);
    EXPECT_EQ(QJsonDocument::fromJson(conf.body).object(),
              (QJsonObject{{u"lmcache_instance_id"_s, u"sim-vllm-01"_s}}));
    for (const QString &path : {u"/threads"_s, u"/loglevel"_s, u"/metrics"_s})
        EXPECT_EQ(get(m_head.url(), u"/proxy2/sim-vllm-01_worker0"_s + path).status, 200)
            << path.toStdString();
    // No engine status inside vLLM: the app's overview must not rely on it.
    EXPECT_EQ(get(m_head.url(), u"/proxy2/sim-vllm-01_worker0/api/status"_s).status, 404);
}

TEST_F(VllmEndToEnd, HeadMetricsLabelEveryProcessWithItsNodeProxy) {
    const HttpResult metrics = get(m_head.url(), u"/metrics"_s);
    ASSERT_EQ(metrics.status, 200);
    const auto parsed = ExpositionParser::parse(metrics.body);
    ASSERT_TRUE(parsed.ok()) << parsed.error().toStdString();
    QStringList up;
    QSet<QString> workersSeen;
    for (const MetricFamily &family : parsed->families) {
        for (const Sample &sample : family.samples) {
            const QByteArray node = sample.label("node").value_or(QByteArray());
            if (family.name == "lmcache_fleet_node_up" && sample.value == 1.0)
                up << QString::fromUtf8(node);
            if (family.name == "lmcache:num_retrieve_requests") {
                EXPECT_TRUE(
                    sample.label("proxy").value_or(QByteArray()).startsWith("proxy_127.0.0.1_"));
                workersSeen.insert(QString::fromUtf8(
                    node + '/' + sample.label("worker_id").value_or(QByteArray())));
            }
        }
    }
    EXPECT_EQ(up.size(), 6) << up.join(u',').toStdString();
    EXPECT_TRUE(workersSeen.contains(u"sim-vllm-02_worker1/1"_s));
    EXPECT_EQ(workersSeen.size(), 6);

    const QString promtool = QStandardPaths::findExecutable(u"promtool"_s);
    if (promtool.isEmpty())
        GTEST_SKIP() << "promtool not installed (packaging/install-deps.sh test)";
    QProcess check;
    check.start(promtool, {u"check"_s, u"metrics"_s});
    check.write(metrics.body);
    check.closeWriteChannel();
    ASSERT_TRUE(check.waitForFinished(10000));
    // 0: clean, 3: lint remarks only (LMCache's own counter names), 1: invalid exposition.
    EXPECT_TRUE(check.exitCode() == 0 || check.exitCode() == 3)
        << check.exitCode() << check.readAllStandardError().toStdString();
}

TEST_F(VllmEndToEnd, KilledWorkerIsShownDownWhileTheRestWork) {
    SimNode *victim = process(u"sim-vllm-01_worker1"_s);
    ASSERT_NE(victim, nullptr);
    victim->stop();
    EXPECT_TRUE(test::waitUntil(
        [&] {
            return stateOf(headTree(m_head.url()), u"sim-vllm-01_worker1"_s) == NodeState::Down;
        },
        10000))
        << get(m_head.url(), u"/api/nodes"_s).body.toStdString();
    const NodeTree tree = headTree(m_head.url());
    for (const LeafNode &leaf : tree.leaves()) {
        if (leaf.name != u"sim-vllm-01_worker1"_s) {
            // Alive, or suspect when a loaded machine delays a heartbeat; never down.
            EXPECT_TRUE(leaf.status.state == NodeState::Alive ||
                        leaf.status.state == NodeState::Suspect)
                << leaf.name.toStdString();
        }
    }
    EXPECT_EQ(get(m_head.url(), u"/proxy2/sim-vllm-01_worker1/meta"_s).status, 502);
    EXPECT_EQ(get(m_head.url(), u"/proxy2/sim-vllm-01_worker0/meta"_s).status, 200);
    EXPECT_EQ(get(m_head.url(), u"/proxy2/sim-vllm-01_scheduler/meta"_s).status, 200);
}

TEST_F(VllmEndToEnd, ShimWithABadEnvironmentFailsClearlyAndHarmsNothing) {
    QProcessEnvironment environment;
    environment.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    auto [code, error] = runShim(environment);
    EXPECT_NE(code, 0);
    EXPECT_TRUE(error.contains(u"LMCACHE_RUNTIME_PLUGIN_CONFIG is not set"_s))
        << error.toStdString();

    environment.insert(u"LMCACHE_RUNTIME_PLUGIN_ROLE"_s, u"SCHEDULER"_s);
    environment.insert(u"LMCACHE_RUNTIME_PLUGIN_WORKER_COUNT"_s, u"2"_s);
    environment.insert(u"LMCACHE_RUNTIME_PLUGIN_CONFIG"_s,
                       u"{\"internal_api_server_port_start\":7000,\"extra_config\":{}}"_s);
    std::tie(code, error) = runShim(environment);
    EXPECT_EQ(code, 2);
    EXPECT_TRUE(error.contains(u"heartbeat-url"_s)) << error.toStdString();

    environment.insert(u"LMCACHE_FLEETD_BIN"_s, u"/nonexistent/lmcache-fleetd"_s);
    std::tie(code, error) = runShim(environment);
    EXPECT_EQ(code, 2);
    EXPECT_TRUE(error.contains(u"lmcache-fleetd not found"_s)) << error.toStdString();

    // The head and the fleet did not notice.
    EXPECT_EQ(proxiesWithChildren(headTree(m_head.url())).size(), 2);
    EXPECT_EQ(get(m_head.url(), u"/proxy2/sim-vllm-02_scheduler/meta"_s).status, 200);
}
