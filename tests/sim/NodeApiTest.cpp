#include "NodeApi.h"

#include "FaultPlan.h"
#include "QtPrinters.h"
#include "Workload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace lmcf;

namespace {

//! One node's API with a hand-driven clock.
struct ApiUnderTest {
    explicit ApiUnderTest(ApiGeneration generation = ApiGeneration::Old, FaultSettings faults = {})
        : workload(11)
        , faults(faults, 11)
        , api(NodeIdentity{QStringLiteral("sim-node-01"), QStringLiteral("127.0.0.1"), 8085, 0,
                           QStringLiteral("meta-llama/Llama-3.1-8B-Instruct")},
              generation, MetricsFamilies::Both, &workload, &this->faults,
              [this] { return nowMs; }) {}

    SimReply get(const QString &path, const QString &query = {}) {
        return api.respond("GET", path, QUrlQuery(query));
    }
    QJsonObject object(const QString &path) {
        const SimReply reply = get(path);
        EXPECT_EQ(reply.status, 200) << path.toStdString();
        return QJsonDocument::fromJson(reply.body).object();
    }

    qint64 nowMs = 60000;
    Workload workload;
    FaultPlan faults;
    NodeApi api;
};

void expectStatusShape(const QJsonObject &status) {
    EXPECT_TRUE(status.value(QStringLiteral("is_healthy")).isBool());
    EXPECT_EQ(status.value(QStringLiteral("engine_type")).toString(),
              QStringLiteral("MPCacheEngine"));
    EXPECT_TRUE(status.value(QStringLiteral("chunk_size")).isDouble());
    EXPECT_TRUE(status.value(QStringLiteral("hash_algorithm")).isString());
    EXPECT_TRUE(status.value(QStringLiteral("registered_gpu_ids")).isArray());
    const QJsonObject gpu = status.value(QStringLiteral("gpu_context_meta"))
                                .toObject()
                                .value(QStringLiteral("0"))
                                .toObject();
    EXPECT_TRUE(gpu.value(QStringLiteral("model_name")).isString());
    EXPECT_TRUE(gpu.value(QStringLiteral("kv_cache_layout"))
                    .toObject()
                    .value(QStringLiteral("num_layers"))
                    .isDouble());
    EXPECT_TRUE(status.value(QStringLiteral("active_sessions")).isDouble());
    EXPECT_TRUE(status.value(QStringLiteral("active_prefetch_jobs")).isDouble());
    const QJsonObject storage = status.value(QStringLiteral("storage_manager")).toObject();
    EXPECT_TRUE(storage.value(QStringLiteral("is_healthy")).isBool());
    EXPECT_TRUE(storage.value(QStringLiteral("num_l2_adapters")).isDouble());
    const QJsonObject l1 = storage.value(QStringLiteral("l1")).toObject();
    for (const char *key : {"memory_used_bytes", "memory_total_bytes", "total_object_count"})
        EXPECT_TRUE(l1.value(QString::fromLatin1(key)).isDouble()) << key;
}

double l1Used(const QJsonObject &status) {
    return status.value(QStringLiteral("storage_manager"))
        .toObject()
        .value(QStringLiteral("l1"))
        .toObject()
        .value(QStringLiteral("memory_used_bytes"))
        .toDouble();
}

} // namespace

TEST(NodeApi, OldGenerationServesTheDocumentedShapes) {
    ApiUnderTest node;
    EXPECT_EQ(node.get(QStringLiteral("/")).body,
              QByteArray(R"({"service":"LMCache HTTP API","status":"ok"})"));
    EXPECT_EQ(node.object(QStringLiteral("/api/healthcheck")).value(QStringLiteral("status")),
              QStringLiteral("healthy"));
    expectStatusShape(node.object(QStringLiteral("/api/status")));
    EXPECT_EQ(node.get(QStringLiteral("/version")).body, QByteArray("\"0.3.9-sim\""));
    EXPECT_TRUE(node.object(QStringLiteral("/conf")).contains(QStringLiteral("http_config")));
    EXPECT_TRUE(node.object(QStringLiteral("/env")).contains(QStringLiteral("HF_TOKEN")));
    EXPECT_TRUE(node.object(QStringLiteral("/meta")).contains(QStringLiteral("instance_id")));
    EXPECT_TRUE(
        node.object(QStringLiteral("/inference_info")).contains(QStringLiteral("vllm_version")));
    const QJsonArray threads =
        QJsonDocument::fromJson(node.get(QStringLiteral("/threads")).body).array();
    ASSERT_FALSE(threads.isEmpty());
    for (const QJsonValue &thread : threads) {
        const QJsonObject t = thread.toObject();
        EXPECT_TRUE(t.value(QStringLiteral("thread_id")).isDouble());
        EXPECT_TRUE(t.value(QStringLiteral("name")).isString());
        EXPECT_TRUE(t.value(QStringLiteral("state")).isString());
        EXPECT_TRUE(t.value(QStringLiteral("function_name")).isString());
        EXPECT_FALSE(t.value(QStringLiteral("stack")).toArray().isEmpty());
    }
    for (const char *newPath : {"/healthcheck", "/status"})
        EXPECT_EQ(node.get(QString::fromLatin1(newPath)).status, 404) << newPath;
    EXPECT_EQ(node.api.respond("POST", QStringLiteral("/cache/clear"), {}).status, 404);
}

TEST(NodeApi, NewGenerationRenamesAndHidesTheOldPaths) {
    ApiUnderTest node(ApiGeneration::New);
    EXPECT_EQ(node.object(QStringLiteral("/healthcheck")).value(QStringLiteral("status")),
              QStringLiteral("healthy"));
    expectStatusShape(node.object(QStringLiteral("/status")));
    const SimReply cleared = node.api.respond("POST", QStringLiteral("/cache/clear"), {});
    EXPECT_EQ(cleared.status, 200);
    EXPECT_EQ(cleared.body, QByteArray(R"({"cleared":{"tier":"l1"},"status":"ok"})"));
    for (const char *oldPath : {"/api/healthcheck", "/api/status"})
        EXPECT_EQ(node.get(QString::fromLatin1(oldPath)).status, 404) << oldPath;
    EXPECT_EQ(node.api.respond("POST", QStringLiteral("/api/clear-cache"), {}).status, 404);
}

TEST(NodeApi, ClearCacheChangesStatusAndMetrics) {
    ApiUnderTest node;
    ASSERT_GT(l1Used(node.object(QStringLiteral("/api/status"))), 0);
    const QByteArray before = node.get(QStringLiteral("/metrics")).body;
    EXPECT_FALSE(before.contains("lmcache_mp_l1_memory_usage_bytes 0\n"));
    const SimReply cleared = node.api.respond("POST", QStringLiteral("/api/clear-cache"), {});
    EXPECT_EQ(cleared.body, QByteArray(R"({"status":"ok"})"));
    EXPECT_EQ(l1Used(node.object(QStringLiteral("/api/status"))), 0);
    EXPECT_TRUE(
        node.get(QStringLiteral("/metrics")).body.contains("lmcache_mp_l1_memory_usage_bytes 0\n"));
    // A GET does not clear: state changes need POST.
    EXPECT_EQ(node.get(QStringLiteral("/api/clear-cache")).status, 404);
}

TEST(NodeApi, MetricsMoveWithTheClock) {
    ApiUnderTest node;
    const QByteArray first = node.get(QStringLiteral("/metrics")).body;
    node.nowMs += 5000;
    const QByteArray later = node.get(QStringLiteral("/metrics")).body;
    EXPECT_NE(first, later);
    EXPECT_EQ(node.get(QStringLiteral("/metrics")).body, later); // same instant, same numbers
}

TEST(NodeApi, LogLevelListsSetsAndRefusesBadLevels) {
    ApiUnderTest node;
    const SimReply list = node.get(QStringLiteral("/loglevel"));
    EXPECT_EQ(list.status, 200);
    EXPECT_TRUE(list.body.startsWith("=== Loggers and Levels ===\n"));
    EXPECT_TRUE(list.body.contains("\nlmcache: INFO\n"));
    EXPECT_TRUE(list.contentType.startsWith("text/plain"));

    EXPECT_EQ(
        node.get(QStringLiteral("/loglevel"), QStringLiteral("logger_name=lmcache&level=debug"))
            .status,
        200);
    EXPECT_TRUE(node.get(QStringLiteral("/loglevel")).body.contains("\nlmcache: DEBUG\n"));
    const SimReply bad =
        node.get(QStringLiteral("/loglevel"), QStringLiteral("logger_name=lmcache&level=LOUD"));
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(node.get(QStringLiteral("/loglevel")).body.contains("\nlmcache: DEBUG\n"));
}

TEST(NodeApi, NamesSelectKeys) {
    ApiUnderTest node;
    const QJsonObject conf =
        QJsonDocument::fromJson(
            node.get(QStringLiteral("/conf"), QStringLiteral("names=mp_config,nope")).body)
            .object();
    EXPECT_EQ(conf.keys(), QStringList{QStringLiteral("mp_config")});
}

TEST(NodeApi, FailRateAnswersFiveHundred) {
    FaultSettings faults;
    faults.failRate = 1.0;
    ApiUnderTest node(ApiGeneration::Old, faults);
    const SimReply reply = node.get(QStringLiteral("/api/status"));
    EXPECT_EQ(reply.status, 500);
    EXPECT_TRUE(reply.body.contains("detail"));
}

TEST(NodeApi, GarbageMetricsFault) {
    FaultSettings faults;
    faults.garbageMetrics = true;
    ApiUnderTest node(ApiGeneration::Old, faults);
    const SimReply reply = node.get(QStringLiteral("/metrics"));
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, WorkloadMetrics::garbage());
}
