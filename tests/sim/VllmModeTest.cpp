// vLLM mode of the simulator (spec §3b): the process API, LMCache's plugin file-name rule, and
// the real binary serving a scheduler and workers per node.
#include "FaultPlan.h"
#include "NodeApi.h"
#include "PluginFiles.h"
#include "ProgramUnderTest.h"
#include "QtPrinters.h"
#include "WaitUntil.h"
#include "Workload.h"
#include "net/HttpClient.h"
#include "prometheus/ExpositionParser.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;
using namespace Qt::StringLiterals;

namespace {

struct WorkerApi {
    WorkerApi()
        : workload(5)
        , faults({}, 5)
        , api(identity(), ApiGeneration::Old, MetricsFamilies::Both, &workload, &faults,
              [] { return qint64(90000); }) {}

    static NodeIdentity identity() {
        NodeIdentity node{u"inst_worker1"_s, u"127.0.0.1"_s, 7001, 0, u"Qwen/Qwen2.5-7B"_s};
        node.instance = u"inst"_s;
        node.workerId = 1;
        node.workerCount = 2;
        return node;
    }
    SimReply get(const QString &path, const QString &query = {}) {
        return api.respond("GET", path, QUrlQuery(query));
    }

    Workload workload;
    FaultPlan faults;
    NodeApi api;
};

HttpResult fetch(const QUrl &base, const QString &path) {
    HttpClient client;
    std::optional<HttpResult> result;
    client.get(base.resolved(QUrl(path)), {}, nullptr, [&](const HttpResult &r) { result = r; });
    test::waitUntil([&] { return result.has_value(); }, 5000);
    return result.value_or(HttpResult{});
}

} // namespace

TEST(VllmProcessApi, ServesTheInternalApiServerPaths) {
    WorkerApi worker;
    const QJsonObject meta = QJsonDocument::fromJson(worker.get(u"/meta"_s).body).object();
    EXPECT_EQ(meta.value(u"role"_s).toString(), u"worker"_s);
    EXPECT_EQ(meta.value(u"worker_id"_s).toInt(), 1);
    EXPECT_EQ(meta.value(u"instance_id"_s).toString(), u"inst"_s);
    const QJsonObject conf =
        QJsonDocument::fromJson(
            worker.get(u"/conf"_s, u"names=internal_api_server_port_start"_s).body)
            .object();
    EXPECT_EQ(conf, (QJsonObject{{u"internal_api_server_port_start"_s, 6999}}));
    for (const QString &path :
         {u"/inference_info"_s, u"/threads"_s, u"/loglevel"_s, u"/env"_s, u"/version"_s})
        EXPECT_EQ(worker.get(path).status, 200) << path.toStdString();
    // No MP-server engine API inside vLLM.
    for (const QString &path : {u"/api/status"_s, u"/status"_s, u"/api/healthcheck"_s, u"/"_s})
        EXPECT_EQ(worker.get(path).status, 404) << path.toStdString();
    EXPECT_EQ(worker.api.respond("POST", u"/api/clear-cache"_s, {}).status, 404);
}

TEST(VllmProcessApi, MetricsAreTheLmcacheFamiliesWithTheWorkerId) {
    WorkerApi worker;
    const SimReply reply = worker.get(u"/metrics"_s);
    ASSERT_EQ(reply.status, 200);
    EXPECT_FALSE(reply.body.contains("lmcache_mp_"));
    const auto parsed = ExpositionParser::parse(reply.body);
    ASSERT_TRUE(parsed.ok()) << parsed.error().toStdString();
    bool seen = false;
    for (const MetricFamily &family : parsed->families) {
        for (const Sample &sample : family.samples) {
            EXPECT_EQ(sample.label("worker_id"), "1") << sample.name.constData();
            seen = true;
        }
    }
    EXPECT_TRUE(seen);
}

TEST(PluginFiles, FileNamesPickTheProcessesAsLmcacheDoes) {
    EXPECT_TRUE(PluginFiles::runsOn(u"scheduler_lmcache_fleet_plugin.sh"_s, u"SCHEDULER"_s, -1));
    EXPECT_FALSE(PluginFiles::runsOn(u"scheduler_lmcache_fleet_plugin.sh"_s, u"WORKER"_s, 0));
    EXPECT_TRUE(PluginFiles::runsOn(u"worker_1_x.py"_s, u"worker"_s, 1));
    EXPECT_FALSE(PluginFiles::runsOn(u"worker_1_x.py"_s, u"WORKER"_s, 0));
    EXPECT_FALSE(PluginFiles::runsOn(u"worker_1_x.py"_s, u"SCHEDULER"_s, -1));
    EXPECT_TRUE(PluginFiles::runsOn(u"all_x.sh"_s, u"WORKER"_s, 3));
    EXPECT_FALSE(PluginFiles::runsOn(u"scheduler_notes.txt"_s, u"SCHEDULER"_s, -1));
    EXPECT_FALSE(PluginFiles::runsOn(u"lmcache_mp_fleet_plugin.sh"_s, u"SCHEDULER"_s, -1));
}

TEST(PluginFiles, SelectReadsFilesAndDirectories) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    for (const QString &name :
         {u"scheduler_b.sh"_s, u"all_a.py"_s, u"worker_0_c.sh"_s, u"readme.md"_s}) {
        QFile file(dir.filePath(name));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    }
    const QStringList scheduler = PluginFiles::select({dir.path()}, u"SCHEDULER"_s, -1);
    EXPECT_EQ(scheduler,
              (QStringList{dir.filePath(u"all_a.py"_s), dir.filePath(u"scheduler_b.sh"_s)}));
    EXPECT_EQ(PluginFiles::select({dir.filePath(u"worker_0_c.sh"_s), dir.path() + u"/missing"_s},
                                  u"WORKER"_s, 0),
              QStringList{dir.filePath(u"worker_0_c.sh"_s)});
}

TEST(SimVllmProcess, ServesASchedulerAndWorkersPerNode) {
    test::ProgramUnderTest sim(QStringLiteral(LMCF_SIM_PATH),
                               {u"--mode=vllm"_s, u"--nodes=2"_s, u"--workers=2"_s});
    ASSERT_TRUE(sim.start(6)) << sim.errorText().toStdString();
    QStringList names;
    for (const QString &line : sim.stdoutLines()) {
        if (line.startsWith(u"node "_s))
            names << line.section(u' ', 1, 1);
    }
    EXPECT_EQ(names, (QStringList{u"sim-vllm-01_scheduler"_s, u"sim-vllm-01_worker0"_s,
                                  u"sim-vllm-01_worker1"_s, u"sim-vllm-02_scheduler"_s,
                                  u"sim-vllm-02_worker0"_s, u"sim-vllm-02_worker1"_s}));
    // Consecutive ports from each instance's port start, as LMCache lays them out.
    EXPECT_EQ(sim.url(1).port(), sim.url(0).port() + 1);
    EXPECT_EQ(sim.url(2).port(), sim.url(0).port() + 2);
    const QJsonObject meta = QJsonDocument::fromJson(fetch(sim.url(5), u"/meta"_s).body).object();
    EXPECT_EQ(meta.value(u"worker_id"_s).toInt(), 1);
    EXPECT_EQ(fetch(sim.url(0), u"/api/status"_s).status, 404);
    EXPECT_TRUE(fetch(sim.url(4), u"/metrics"_s).body.contains("worker_id=\"0\""));
}

TEST(SimVllmProcess, RefusesAnUnknownMode) {
    test::ProgramUnderTest sim(QStringLiteral(LMCF_SIM_PATH), {u"--mode=tgi"_s});
    EXPECT_FALSE(sim.start(1, 5000));
    EXPECT_TRUE(sim.errorText().contains(u"--mode"_s)) << sim.errorText().toStdString();
}
