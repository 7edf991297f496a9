// GET /metrics of an in-process daemon over real loopback sockets, with healthy, dead, stuck and
// garbage nodes.
#include "routes/MetricsController.h"

#include "CannedHttpPeer.h"
#include "DaemonApp.h"
#include "QtPrinters.h"
#include "TestData.h"
#include "WaitUntil.h"
#include "http/HttpFront.h"
#include "prometheus/MetricsMerger.h"
#include "routes/Gzip.h"

#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QProcess>
#include <QTemporaryFile>

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;
using test::CannedHttpPeer;

namespace {
constexpr int kTimeoutMs = 1500; // generous: a loaded CI machine must not time out a healthy peer

QUrl closedPortUrl() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(probe.serverPort()));
}

DaemonOptions testOptions() {
    DaemonOptions options;
    options.host = QStringLiteral("127.0.0.1");
    options.port = 0;
    options.scrapeTimeoutS = kTimeoutMs / 1000.0;
    options.scrapeIntervalS = 3600; // history out of the way: only on-demand rounds
    return options;
}

HttpResult get(const QUrl &url, QList<QPair<QByteArray, QByteArray>> headers = {}) {
    HttpClient client;
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    std::optional<HttpResult> result;
    client.send(request, "GET", {}, {}, nullptr, [&](const HttpResult &r) { result = r; });
    test::waitUntil([&] { return result.has_value(); }, 10000);
    return result.value_or(HttpResult{});
}

//! promtool's verdict on `text` (empty when it is fine), or "skipped" without promtool.
QString promtoolProblems(const QByteArray &text) {
    const QString promtool = QStringLiteral("/usr/bin/promtool");
    if (!QFile::exists(promtool))
        return {};
    QProcess process;
    process.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
    process.write(text);
    process.closeWriteChannel();
    process.waitForFinished(20000);
    const QString output =
        QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    // Lint remarks about the inputs' own names are not errors; a failed parse or a duplicate is.
    if (process.exitCode() != 0 && (output.contains(QStringLiteral("error while linting")) ||
                                    output.contains(QStringLiteral("duplicate"))))
        return output;
    return {};
}

class MetricsEndpoint : public ::testing::Test {
protected:
    void SetUp() override {
        app = std::make_unique<DaemonApp>(testOptions());
        const auto port = app->start();
        ASSERT_TRUE(port.ok()) << port.error().toStdString();
        base = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port.value()));
        app->metrics().setReuseWindowMs(0);
    }
    void setTargets(QList<ScrapeTarget> targets) {
        app->setScrapeTargets([targets] { return targets; });
    }
    QUrl metricsUrl() const { return base.resolved(QUrl(QStringLiteral("/metrics"))); }

    std::unique_ptr<DaemonApp> app;
    QUrl base;
};
} // namespace

TEST_F(MetricsEndpoint, DeadStuckAndGarbageNodesCostOnlyTheirOwnSamples) {
    CannedHttpPeer vllm(
        CannedHttpPeer::okReply(test::readData(QStringLiteral("metrics/vllm-node.prom"))));
    CannedHttpPeer mp(
        CannedHttpPeer::okReply(test::readData(QStringLiteral("metrics/mp-node.prom"))));
    CannedHttpPeer stuck({});
    CannedHttpPeer garbage(
        CannedHttpPeer::okReply(test::readData(QStringLiteral("metrics/hostile/binary-junk.bin"))));
    setTargets({{QStringLiteral("vllm"), vllm.url(QStringLiteral("/metrics"))},
                {QStringLiteral("dead"), closedPortUrl()},
                {QStringLiteral("slow"), stuck.url(QStringLiteral("/metrics"))},
                {QStringLiteral("garbage"), garbage.url(QStringLiteral("/metrics"))},
                {QStringLiteral("mp"), mp.url(QStringLiteral("/metrics"))}});

    QElapsedTimer clock;
    clock.start();
    const HttpResult result = get(metricsUrl());
    EXPECT_LT(clock.elapsed(), kTimeoutMs + 2000); // ended by the timeout, loaded machine or not
    ASSERT_EQ(result.status, 200) << result.error.toStdString();
    EXPECT_EQ(result.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
    const QByteArray &text = result.body;
    EXPECT_TRUE(text.contains("lmcache_fleet_node_up{node=\"vllm\"} 1\n"));
    EXPECT_TRUE(text.contains("lmcache_fleet_node_up{node=\"mp\"} 1\n"));
    EXPECT_TRUE(text.contains("lmcache_fleet_node_up{node=\"dead\"} 0\n"));
    EXPECT_TRUE(text.contains("lmcache_fleet_node_up{node=\"slow\"} 0\n"));
    EXPECT_TRUE(text.contains("lmcache_fleet_node_up{node=\"garbage\"} 0\n"));
    EXPECT_TRUE(text.contains("lmcache_fleet_scrape_duration_seconds{node=\"slow\"}"));
    EXPECT_TRUE(text.contains("lmcache:num_retrieve_requests{node=\"vllm\",model_name="));
    EXPECT_TRUE(text.contains("lmcache_mp_l1_memory_usage_bytes{node=\"mp\","));
    EXPECT_EQ(text.count("# TYPE lmcache:num_retrieve_requests "), 1);
    EXPECT_TRUE(text.contains("lmcache_fleet_scrape_rounds_total "));
    EXPECT_EQ(promtoolProblems(text), QString());
}

TEST_F(MetricsEndpoint, GzipWhenTheClientAcceptsIt) {
    CannedHttpPeer vllm(
        CannedHttpPeer::okReply(test::readData(QStringLiteral("metrics/vllm-node.prom"))));
    setTargets({{QStringLiteral("vllm"), vllm.url(QStringLiteral("/metrics"))}});
    const HttpResult plain = get(metricsUrl(), {{"Accept-Encoding", "identity"}});
    app->metrics().setReuseWindowMs(60000); // the same round again: comparable bodies
    const HttpResult zipped = get(metricsUrl(), {{"Accept-Encoding", "deflate, gzip;q=0.8"}});
    ASSERT_EQ(plain.status, 200);
    ASSERT_EQ(zipped.status, 200);
    EXPECT_TRUE(plain.header("Content-Encoding").isEmpty());
    EXPECT_EQ(zipped.header("Content-Encoding"), "gzip");
    EXPECT_LT(zipped.body.size(), plain.body.size() / 4) << plain.body.toStdString();
    EXPECT_EQ(Gzip::decompress(zipped.body), plain.body);
}

TEST_F(MetricsEndpoint, NameNarrowsTheAnswerToThoseFamilies) {
    CannedHttpPeer vllm(
        CannedHttpPeer::okReply(test::readData(QStringLiteral("metrics/vllm-node.prom"))));
    setTargets({{QStringLiteral("vllm"), vllm.url(QStringLiteral("/metrics"))},
                {QStringLiteral("dead"), closedPortUrl()}});
    const HttpResult whole = get(metricsUrl());
    app->metrics().setReuseWindowMs(60000); // that round again, narrowed
    const HttpResult narrow = get(base.resolved(QUrl(QStringLiteral(
        "/metrics?name=lmcache:num_retrieve_requests&name=lmcache_fleet_node_up&name=nothing"))));
    ASSERT_EQ(narrow.status, 200) << narrow.error.toStdString();
    const QByteArray &text = narrow.body;
    EXPECT_TRUE(text.contains("# TYPE lmcache:num_retrieve_requests counter\n"))
        << text.toStdString();
    EXPECT_TRUE(text.contains("lmcache:num_retrieve_requests{node=\"vllm\",model_name="));
    EXPECT_TRUE(text.contains("lmcache_fleet_node_up{node=\"dead\"} 0\n"));
    EXPECT_TRUE(text.contains("lmcache_fleet_node_up{node=\"vllm\"} 1\n"));
    EXPECT_FALSE(text.contains("lmcache:num_store_requests"));
    EXPECT_FALSE(text.contains("lmcache_fleet_scrape_duration_seconds"));
    EXPECT_FALSE(text.contains("lmcache_fleet_http_requests_total"));
    EXPECT_LT(text.size() * 10, whole.body.size());
    EXPECT_EQ(promtoolProblems(text), QString());
    // Names percent-encoded (as the app's client sends a vLLM name's ':') read the same.
    const HttpResult encoded = get(base.resolved(QUrl(QStringLiteral(
        "/metrics?name=lmcache%3Anum_retrieve_requests&name=lmcache_fleet_node_up&name=nothing"))));
    EXPECT_EQ(encoded.body, text);
    // The whole answer is still whole after a narrowed one of the same round.
    EXPECT_EQ(get(metricsUrl()).body, whole.body);
}

TEST_F(MetricsEndpoint, NameWithTotalFindsAnOpenMetricsCounterFamily) {
    CannedHttpPeer om(
        CannedHttpPeer::okReply(test::readData(QStringLiteral("metrics/mp-node.openmetrics.txt")),
                                "application/openmetrics-text; version=1.0.0; charset=utf-8"));
    setTargets({{QStringLiteral("om"), om.url(QStringLiteral("/metrics"))}});
    const HttpResult result =
        get(base.resolved(QUrl(QStringLiteral("/metrics?name=lmcache_mp_l1_evicted_keys_total"))));
    ASSERT_EQ(result.status, 200) << result.error.toStdString();
    EXPECT_TRUE(result.body.contains("lmcache_mp_l1_evicted_keys_total{node=\"om\""))
        << result.body.toStdString();
    EXPECT_FALSE(result.body.contains("lmcache_mp_l1_read_keys"));
}

TEST_F(MetricsEndpoint, NoNodesStillAnswersTheDaemonsOwnMetrics) {
    const HttpResult result = get(metricsUrl());
    ASSERT_EQ(result.status, 200);
    EXPECT_TRUE(result.body.contains("# TYPE lmcache_fleet_history_series gauge"));
    EXPECT_EQ(promtoolProblems(result.body), QString());
}

TEST_F(MetricsEndpoint, CountsRequestsByRouteAndStatus) {
    get(base.resolved(QUrl(QStringLiteral("/api/v1/query_range?query=up"))));
    const HttpResult result = get(metricsUrl());
    EXPECT_TRUE(result.body.contains(
        "lmcache_fleet_http_requests_total{route=\"/api/v1/query_range\",status=\"400\"} 1\n"))
        << result.body.toStdString();
}

TEST_F(MetricsEndpoint, ABigFleetsTextArrivesWholeAndTheSameWhenNodesRepeatThemselves) {
    // 20 × 69 KB: past the size written in pieces as the socket drains.
    const QByteArray body = test::readData(QStringLiteral("metrics/vllm-node.prom"));
    std::vector<std::unique_ptr<CannedHttpPeer>> peers;
    QList<ScrapeTarget> targets;
    QList<NodeText> texts;
    for (int i = 0; i < 20; ++i) {
        peers.push_back(std::make_unique<CannedHttpPeer>(CannedHttpPeer::okReply(body)));
        const QString name = QStringLiteral("n%1").arg(i);
        targets.append({name, peers.back()->url(QStringLiteral("/metrics"))});
        texts.append({name, body, "text/plain"});
    }
    setTargets(targets);
    const QByteArray nodesPart = MetricsMerger::mergeText(texts).text;
    ASSERT_GT(nodesPart.size(), 1024 * 1024);
    const HttpResult first = get(metricsUrl());
    ASSERT_EQ(first.status, 200) << first.error.toStdString();
    EXPECT_TRUE(first.body.startsWith(nodesPart));
    EXPECT_TRUE(first.body.contains("lmcache_fleet_node_up{node=\"n19\"} 1\n"));
    // A new round (no reuse window), every node answering the same bytes again.
    const HttpResult second = get(metricsUrl());
    ASSERT_EQ(second.status, 200) << second.error.toStdString();
    EXPECT_TRUE(second.body.startsWith(nodesPart));
    EXPECT_TRUE(second.body.contains("lmcache_fleet_node_up{node=\"n19\"} 1\n"));
}

TEST(GzipBody, AcceptEncodingAndRoundTrip) {
    EXPECT_TRUE(Gzip::accepted("gzip"));
    EXPECT_TRUE(Gzip::accepted("br, GZIP;q=0.5"));
    EXPECT_TRUE(Gzip::accepted("*"));
    EXPECT_FALSE(Gzip::accepted("gzip;q=0"));
    EXPECT_FALSE(Gzip::accepted("identity, deflate"));
    EXPECT_FALSE(Gzip::accepted(""));
    const QByteArray text = test::readData(QStringLiteral("metrics/mp-node.prom"));
    const QByteArray zipped = Gzip::compress(text);
    EXPECT_EQ(zipped.left(2), QByteArray("\x1f\x8b"));
    EXPECT_EQ(Gzip::decompress(zipped), text);
    EXPECT_TRUE(Gzip::decompress("not gzip").isEmpty());
}
