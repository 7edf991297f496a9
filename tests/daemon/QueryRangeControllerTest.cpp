// GET/POST /api/v1/query_range: parameter parsing, Prometheus-shaped errors, and what an
// in-process daemon scraped coming back over HTTP.
#include "routes/QueryRangeController.h"

#include "CannedHttpPeer.h"
#include "DaemonApp.h"
#include "QtPrinters.h"
#include "TestData.h"
#include "WaitUntil.h"
#include "history/HistoryStore.h"
#include "history/QueryRangeJson.h"
#include "stats/DaemonStats.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;
using test::CannedHttpPeer;

namespace {
HttpResult send(const QUrl &url, const QByteArray &method = "GET", const QByteArray &body = {}) {
    HttpClient client;
    QNetworkRequest request(url);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
    std::optional<HttpResult> result;
    client.send(request, method, body, {}, nullptr, [&](const HttpResult &r) { result = r; });
    test::waitUntil([&] { return result.has_value(); }, 10000);
    return result.value_or(HttpResult{});
}

QUrlQuery params(const char *query, const char *start, const char *end, const char *step) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("query"), QString::fromUtf8(query));
    q.addQueryItem(QStringLiteral("start"), QString::fromUtf8(start));
    q.addQueryItem(QStringLiteral("end"), QString::fromUtf8(end));
    q.addQueryItem(QStringLiteral("step"), QString::fromUtf8(step));
    return q;
}

QString errorType(const QByteArray &json) {
    return QJsonDocument::fromJson(json).object().value(QStringLiteral("errorType")).toString();
}
} // namespace

TEST(QueryRangeParameters, TimesAsUnixSecondsOrRfc3339) {
    EXPECT_EQ(QueryRangeController::parseTime(QStringLiteral("1700000000")).value(), 1700000000000);
    EXPECT_EQ(QueryRangeController::parseTime(QStringLiteral("1700000000.25")).value(),
              1700000000250);
    EXPECT_EQ(QueryRangeController::parseTime(QStringLiteral("2023-11-14T22:13:20Z")).value(),
              1700000000000);
    EXPECT_EQ(
        QueryRangeController::parseTime(QStringLiteral("2023-11-14T23:13:20.5+01:00")).value(),
        1700000000500);
    EXPECT_FALSE(QueryRangeController::parseTime(QStringLiteral("yesterday")).ok());
    EXPECT_FALSE(QueryRangeController::parseTime(QStringLiteral("2023-11-14")).ok());
    EXPECT_FALSE(QueryRangeController::parseTime(QStringLiteral("inf")).ok());
    EXPECT_FALSE(QueryRangeController::parseTime(QStringLiteral("1e300")).ok());
    EXPECT_FALSE(QueryRangeController::parseTime(QStringLiteral("-1e300")).ok());
}

TEST(QueryRangeParameters, StepsAsSecondsOrDurations) {
    EXPECT_EQ(QueryRangeController::parseDuration(QStringLiteral("15")).value(), 15000);
    EXPECT_EQ(QueryRangeController::parseDuration(QStringLiteral("0.5")).value(), 500);
    EXPECT_EQ(QueryRangeController::parseDuration(QStringLiteral("15s")).value(), 15000);
    EXPECT_EQ(QueryRangeController::parseDuration(QStringLiteral("1m30s")).value(), 90000);
    EXPECT_EQ(QueryRangeController::parseDuration(QStringLiteral("500ms")).value(), 500);
    EXPECT_EQ(QueryRangeController::parseDuration(QStringLiteral("1h")).value(), 3600000);
    EXPECT_EQ(QueryRangeController::parseDuration(QStringLiteral("2d")).value(), 172800000);
    EXPECT_FALSE(QueryRangeController::parseDuration(QStringLiteral("0")).ok());
    EXPECT_FALSE(QueryRangeController::parseDuration(QStringLiteral("-5")).ok());
    EXPECT_FALSE(QueryRangeController::parseDuration(QStringLiteral("5x")).ok());
    EXPECT_FALSE(QueryRangeController::parseDuration(QStringLiteral("s")).ok());
    EXPECT_FALSE(QueryRangeController::parseDuration(QStringLiteral("1e300")).ok());
    EXPECT_FALSE(QueryRangeController::parseDuration(QStringLiteral("9223372036854775807y")).ok());
    EXPECT_FALSE(QueryRangeController::parseDuration(QStringLiteral("292471209y")).ok());
}

TEST(QueryRangeAnswers, BadRequestsAreBadDataWith400) {
    HistoryStore store(10);
    DaemonStats stats;
    const QueryRangeController controller(store, stats);
    for (const QUrlQuery &q :
         {params("rate(x[5m])", "1", "2", "1"), params("x[5m]", "1", "2", "1"),
          params("sum(x)", "1", "2", "1"), params("x offset 5m", "1", "2", "1"),
          params("x + y", "1", "2", "1"), params("x{a=\"1\"", "1", "2", "1"),
          params("x", "nope", "2", "1"), params("x", "1", "nope", "1"),
          params("x", "1", "2", "nope"), params("x", "2", "1", "1"),
          params("x", "0", "100000", "1ms"), QUrlQuery()}) {
        const auto [status, body] = controller.answer(q);
        EXPECT_EQ(status, 400) << q.toString().toStdString();
        EXPECT_EQ(errorType(body), QStringLiteral("bad_data")) << body.toStdString();
    }
}

TEST(QueryRangeAnswers, ReturnsWhatAnInProcessDaemonScraped) {
    CannedHttpPeer node(
        CannedHttpPeer::okReply(test::readData(QStringLiteral("metrics/vllm-node.prom"))));
    DaemonOptions options;
    options.host = QStringLiteral("127.0.0.1");
    options.port = 0;
    options.scrapeIntervalS = 0.1;
    options.scrapeTimeoutS = 1;
    DaemonApp app(options);
    app.setScrapeTargets([&] {
        return QList<ScrapeTarget>{{QStringLiteral("n1"), node.url(QStringLiteral("/metrics"))}};
    });
    const auto port = app.start();
    ASSERT_TRUE(port.ok());
    const qint64 begin = QDateTime::currentSecsSinceEpoch() - 1;
    ASSERT_TRUE(test::waitUntil([&] { return app.history().seriesCount() > 0; }, 5000));
    test::processEventsFor(400); // a few more rounds

    QUrl url(QStringLiteral("http://127.0.0.1:%1/api/v1/query_range").arg(port.value()));
    const auto q = params(R"(lmcache:num_retrieve_requests{node="n1",worker_id="1"})",
                          QByteArray::number(begin).constData(),
                          QByteArray::number(begin + 3).constData(), "100ms");
    url.setQuery(q);
    const HttpResult got = send(url);
    ASSERT_EQ(got.status, 200) << got.body.toStdString();
    const auto matrix = QueryRangeJson::readMatrix(got.body);
    ASSERT_TRUE(matrix.ok()) << matrix.error().toStdString();
    ASSERT_EQ(matrix->size(), 1);
    EXPECT_EQ(matrix->first().name, "lmcache:num_retrieve_requests");
    EXPECT_GE(matrix->first().points.size(), 3);
    for (const HistoryPoint &p : matrix->first().points)
        EXPECT_EQ(p.value, 4142830.0); // the fixture's worker 1

    // The same query as a form POST, as Prometheus clients send it.
    QUrl post(QStringLiteral("http://127.0.0.1:%1/api/v1/query_range").arg(port.value()));
    const HttpResult posted = send(post, "POST", q.toString(QUrl::FullyEncoded).toUtf8());
    ASSERT_EQ(posted.status, 200) << posted.body.toStdString();
    EXPECT_EQ(QueryRangeJson::readMatrix(posted.body)->size(), 1);

    // And a selector error over HTTP.
    QUrl bad = url;
    bad.setQuery(params("rate(x[1m])", "1", "2", "1"));
    const HttpResult refused = send(bad);
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(errorType(refused.body), QStringLiteral("bad_data"));
    EXPECT_TRUE(refused.body.contains("not supported")) << refused.body.toStdString();
}
