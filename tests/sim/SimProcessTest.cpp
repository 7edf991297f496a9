// The real lmcache-fleet-sim binary on loopback, spoken to over HTTP.
#include "../plugin/FakeRegistry.h"
#include "ProgramUnderTest.h"
#include "QtPrinters.h"
#include "WaitUntil.h"
#include "net/HttpClient.h"
#include "prometheus/ExpositionParser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;

namespace {

test::ProgramUnderTest sim(QStringList extra) {
    return test::ProgramUnderTest(QStringLiteral(LMCF_SIM_PATH),
                                  QStringList{QStringLiteral("--base-port=0")} + extra);
}

HttpResult request(const QUrl &base, const QString &path, const QByteArray &method = "GET",
                   int timeoutMs = 3000) {
    HttpClient client;
    std::optional<HttpResult> result;
    HttpRequestOptions options;
    options.timeoutMs = timeoutMs;
    client.send(QNetworkRequest(base.resolved(QUrl(path))), method, {}, options, nullptr,
                [&](const HttpResult &r) { result = r; });
    test::waitUntil([&] { return result.has_value(); }, timeoutMs + 2000);
    return result.value_or(HttpResult{});
}

QJsonObject jsonObject(const QUrl &base, const QString &path, const QByteArray &method = "GET") {
    const HttpResult result = request(base, path, method);
    EXPECT_EQ(result.status, 200) << path.toStdString() << " " << result.error.toStdString();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.body, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << path.toStdString();
    EXPECT_TRUE(document.isObject()) << path.toStdString();
    return document.object();
}

double l1Used(const QJsonObject &status) {
    return status[QStringLiteral("storage_manager")][QStringLiteral("l1")]
                 [QStringLiteral("memory_used_bytes")]
                     .toDouble(-1);
}

//! promtool's verdict on an exposition: 0 clean, 3 lint remarks only, 1 parse error.
int promtoolCheck(const QByteArray &exposition) {
    QProcess promtool;
    promtool.start(QStringLiteral("/usr/bin/promtool"),
                   {QStringLiteral("check"), QStringLiteral("metrics")});
    if (!promtool.waitForStarted(5000))
        return -1;
    promtool.write(exposition);
    promtool.closeWriteChannel();
    promtool.waitForFinished(10000);
    return promtool.exitCode();
}

bool connectable(const QUrl &url) {
    QTcpSocket socket;
    socket.connectToHost(url.host(), quint16(url.port()));
    return socket.waitForConnected(500);
}

} // namespace

TEST(SimProcess, PrintsNodeLinesThenListeningLines) {
    auto fleet = sim({QStringLiteral("--nodes=3")});
    ASSERT_TRUE(fleet.start(3)) << fleet.errorText().toStdString();
    const QStringList lines = fleet.stdoutLines();
    ASSERT_GE(lines.size(), 6);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(lines[i],
                  QStringLiteral("node sim-node-0%1 %2").arg(i + 1).arg(fleet.url(i).toString()));
        EXPECT_TRUE(lines[3 + i].startsWith(QStringLiteral("listening on http://127.0.0.1:")));
    }
    EXPECT_NE(fleet.url(0).port(), fleet.url(1).port());
    EXPECT_EQ(fleet.stop(), 0);
}

TEST(SimProcess, OldGenerationEndpointsAnswerTheSpecShapes) {
    auto fleet = sim({QStringLiteral("--nodes=1")});
    ASSERT_TRUE(fleet.start(1)) << fleet.errorText().toStdString();
    const QUrl base = fleet.url();
    EXPECT_EQ(jsonObject(base, QStringLiteral("/"))[QStringLiteral("service")],
              QStringLiteral("LMCache HTTP API"));
    EXPECT_EQ(jsonObject(base, QStringLiteral("/api/healthcheck"))[QStringLiteral("status")],
              QStringLiteral("healthy"));
    const QJsonObject status = jsonObject(base, QStringLiteral("/api/status"));
    EXPECT_TRUE(status[QStringLiteral("is_healthy")].isBool());
    EXPECT_GE(l1Used(status), 0);
    EXPECT_EQ(request(base, QStringLiteral("/version")).body, QByteArray("\"0.3.9-sim\""));
    for (const char *path : {"/conf", "/env", "/meta", "/inference_info"})
        EXPECT_FALSE(jsonObject(base, QString::fromLatin1(path)).isEmpty()) << path;
    EXPECT_TRUE(jsonObject(base, QStringLiteral("/env")).contains(QStringLiteral("HF_TOKEN")));
    const HttpResult threads = request(base, QStringLiteral("/threads"));
    EXPECT_TRUE(
        QJsonDocument::fromJson(threads.body).array().first()[QStringLiteral("stack")].isArray());
    EXPECT_EQ(request(base, QStringLiteral("/status")).status, 404);
    EXPECT_EQ(request(base, QStringLiteral("/healthcheck")).status, 404);
    EXPECT_EQ(request(base, QStringLiteral("/cache/clear"), "POST").status, 404);
}

TEST(SimProcess, NewGenerationServesTheRenamedPaths) {
    auto fleet = sim({QStringLiteral("--api-generation=new")});
    ASSERT_TRUE(fleet.start(1)) << fleet.errorText().toStdString();
    const QUrl base = fleet.url();
    EXPECT_EQ(jsonObject(base, QStringLiteral("/healthcheck"))[QStringLiteral("status")],
              QStringLiteral("healthy"));
    EXPECT_TRUE(
        jsonObject(base, QStringLiteral("/status")).contains(QStringLiteral("storage_manager")));
    const QJsonObject cleared = jsonObject(base, QStringLiteral("/cache/clear"), "POST");
    EXPECT_EQ(cleared[QStringLiteral("cleared")][QStringLiteral("tier")], QStringLiteral("l1"));
    EXPECT_EQ(request(base, QStringLiteral("/api/status")).status, 404);
    EXPECT_EQ(request(base, QStringLiteral("/api/healthcheck")).status, 404);
    EXPECT_EQ(request(base, QStringLiteral("/api/clear-cache"), "POST").status, 404);
}

TEST(SimProcess, ClearCacheShowsInStatusAndMetrics) {
    auto fleet = sim({QStringLiteral("--metrics=mp")});
    ASSERT_TRUE(fleet.start(1)) << fleet.errorText().toStdString();
    const QUrl base = fleet.url();
    ASSERT_TRUE(test::waitUntil(
        [&] { return l1Used(jsonObject(base, QStringLiteral("/api/status"))) > 0; }, 4000));
    EXPECT_FALSE(request(base, QStringLiteral("/metrics"))
                     .body.contains("lmcache_mp_l1_memory_usage_bytes 0\n"));
    EXPECT_EQ(
        jsonObject(base, QStringLiteral("/api/clear-cache"), "POST")[QStringLiteral("status")],
        QStringLiteral("ok"));
    EXPECT_EQ(l1Used(jsonObject(base, QStringLiteral("/api/status"))), 0);
    EXPECT_TRUE(request(base, QStringLiteral("/metrics"))
                    .body.contains("lmcache_mp_l1_memory_usage_bytes 0\n"));
}

TEST(SimProcess, MetricsAreValidExposition) {
    for (const QString &families : {QStringLiteral("mp"), QStringLiteral("both")}) {
        auto fleet = sim({QStringLiteral("--metrics=") + families});
        ASSERT_TRUE(fleet.start(1)) << fleet.errorText().toStdString();
        const HttpResult metrics = request(fleet.url(), QStringLiteral("/metrics"));
        EXPECT_EQ(metrics.status, 200);
        EXPECT_TRUE(metrics.header("content-type").startsWith("text/plain; version=0.0.4"));
        // promtool lints the `lmcache:` names (':' is legal but discouraged): 3 = remarks only.
        const int verdict = promtoolCheck(metrics.body);
        EXPECT_EQ(verdict, families == u"mp" ? 0 : 3) << families.toStdString();

        const auto parsed = ExpositionParser::parse(
            metrics.body, ExpositionParser::formatFromContentType(metrics.header("content-type")));
        ASSERT_TRUE(parsed.ok()) << parsed.error().toStdString();
        // 14 MP families (target_info included), 28 more in the vLLM set.
        EXPECT_EQ(parsed->families.size(), families == u"mp" ? 14 : 42);
        for (const MetricFamily &family : parsed->families) {
            EXPECT_FALSE(family.samples.isEmpty()) << family.name.toStdString();
            EXPECT_NE(family.type, MetricType::Untyped) << family.name.toStdString();
        }
    }
}

TEST(SimProcess, GarbageMetricsDoNotParse) {
    auto fleet = sim({QStringLiteral("--garbage-metrics")});
    ASSERT_TRUE(fleet.start(1)) << fleet.errorText().toStdString();
    const HttpResult metrics = request(fleet.url(), QStringLiteral("/metrics"));
    EXPECT_EQ(metrics.status, 200);
    EXPECT_FALSE(ExpositionParser::parse(metrics.body).ok());
}

TEST(SimProcess, LogLevelOverHttp) {
    auto fleet = sim({});
    ASSERT_TRUE(fleet.start(1)) << fleet.errorText().toStdString();
    const QUrl base = fleet.url();
    EXPECT_EQ(request(base, QStringLiteral("/loglevel?logger_name=lmcache&level=DEBUG")).status,
              200);
    EXPECT_TRUE(request(base, QStringLiteral("/loglevel")).body.contains("\nlmcache: DEBUG\n"));
    EXPECT_EQ(request(base, QStringLiteral("/loglevel?logger_name=lmcache&level=nope")).status,
              400);
}

TEST(SimProcess, FaultsSlowFailAndGarbage) {
    auto slow = sim({QStringLiteral("--slow-ms=400")});
    ASSERT_TRUE(slow.start(1)) << slow.errorText().toStdString();
    const HttpResult late = request(slow.url(), QStringLiteral("/api/healthcheck"));
    EXPECT_EQ(late.status, 200);
    EXPECT_GE(late.elapsedMs, 350);
    EXPECT_TRUE(request(slow.url(), QStringLiteral("/api/healthcheck"), "GET", 100).timedOut);

    auto failing = sim({QStringLiteral("--fail-rate=1")});
    ASSERT_TRUE(failing.start(1)) << failing.errorText().toStdString();
    EXPECT_EQ(request(failing.url(), QStringLiteral("/api/status")).status, 500);

    auto garbage = sim({QStringLiteral("--garbage-metrics")});
    ASSERT_TRUE(garbage.start(1)) << garbage.errorText().toStdString();
    EXPECT_EQ(promtoolCheck(request(garbage.url(), QStringLiteral("/metrics")).body), 1);
}

TEST(SimProcess, FaultsApplyOnlyToTheChosenNodes) {
    auto fleet = sim({QStringLiteral("--nodes=2"), QStringLiteral("--fail-rate=1"),
                      QStringLiteral("--fault-nodes=2")});
    ASSERT_TRUE(fleet.start(2)) << fleet.errorText().toStdString();
    EXPECT_EQ(request(fleet.url(0), QStringLiteral("/api/status")).status, 200);
    EXPECT_EQ(request(fleet.url(1), QStringLiteral("/api/status")).status, 500);
}

TEST(SimProcess, FlapGoesAwayAndComesBackDieAfterStaysAway) {
    auto flapping = sim({QStringLiteral("--flap=0.4")});
    ASSERT_TRUE(flapping.start(1)) << flapping.errorText().toStdString();
    const QUrl url = flapping.url();
    EXPECT_TRUE(test::waitUntil([&] { return !connectable(url); }, 3000));
    EXPECT_TRUE(test::waitUntil([&] { return connectable(url); }, 3000));
    EXPECT_EQ(request(url, QStringLiteral("/api/healthcheck")).status, 200);

    auto dying = sim({QStringLiteral("--die-after=0.3")});
    ASSERT_TRUE(dying.start(1)) << dying.errorText().toStdString();
    EXPECT_TRUE(test::waitUntil([&] { return !connectable(dying.url()); }, 3000));
    test::processEventsFor(500);
    EXPECT_FALSE(connectable(dying.url()));
    EXPECT_EQ(dying.process().state(), QProcess::Running); // the process lives on
}

TEST(SimProcess, HeartbeatUrlLaunchesRealAgentsThatRegister) {
    test::FakeRegistry registry;
    ASSERT_TRUE(registry.start());
    auto fleet = sim({QStringLiteral("--nodes=3"),
                      QStringLiteral("--heartbeat-url=") + registry.heartbeatUrl().toString(),
                      QStringLiteral("--heartbeat-interval=0.2")});
    ASSERT_TRUE(fleet.start(3)) << fleet.errorText().toStdString();
    QSet<QString> expected;
    for (const QUrl &url : fleet.urls())
        expected << QStringLiteral("http://127.0.0.1:%1").arg(url.port());
    ASSERT_TRUE(test::waitUntil(
        [&] {
            QSet<QString> seen;
            for (const Heartbeat &beat : registry.heartbeats)
                seen << beat.apiAddress;
            return seen == expected;
        },
        8000));
    for (const Heartbeat &beat : registry.heartbeats) {
        EXPECT_EQ(beat.pid, fleet.pid()); // the agent serves the sim process, its parent
        EXPECT_EQ(beat.version, QStringLiteral("0.3.9-sim"));
        EXPECT_DOUBLE_EQ(QJsonDocument::fromJson(beat.otherInfo.toUtf8())
                             .object()[QStringLiteral("heartbeat_interval")]
                             .toDouble(),
                         0.2);
    }
    EXPECT_EQ(fleet.stop(), 0);
    // SIGTERM reached every agent: no heartbeats after the sim is gone.
    test::processEventsFor(300);
    const qsizetype after = registry.heartbeats.size();
    test::processEventsFor(600);
    EXPECT_EQ(registry.heartbeats.size(), after);
}

TEST(SimProcess, BadFlagsExitTwoWithOneLine) {
    for (const QString &flag : {QStringLiteral("--nodes=0"), QStringLiteral("--metrics=all"),
                                QStringLiteral("--api-generation=v3"),
                                QStringLiteral("--fail-rate=2"), QStringLiteral("--bogus")}) {
        auto fleet = sim({flag});
        EXPECT_FALSE(fleet.start(1, 3000));
        fleet.process().waitForFinished(3000);
        EXPECT_EQ(fleet.process().exitCode(), 2) << flag.toStdString();
        // start() keeps what the program printed on stderr in its error text.
        const QString err = fleet.errorText();
        EXPECT_TRUE(err.contains(QStringLiteral("lmcache-fleet-sim: error:"))) << err.toStdString();
        EXPECT_EQ(err.count(QStringLiteral("lmcache-fleet-sim:")), 1) << err.toStdString();
    }
}
