#include "history/QueryRangeJson.h"

#include "QtPrinters.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace lmcf;

TEST(QueryRangeJson, RoundTripsAMatrix) {
    HistorySeries series{"lmcache:retrieve_hit_rate", {{"node", "n1"}, {"worker_id", "0"}}, {}};
    series.points = {{1700000000123, 0.25}, {1700000005123, 1e-7}, {1700000010123, INFINITY}};
    const QByteArray json = QueryRangeJson::writeMatrix({series});
    EXPECT_TRUE(json.contains(R"("resultType":"matrix")"));
    EXPECT_TRUE(json.contains(R"("+Inf")"));
    const auto back = QueryRangeJson::readMatrix(json);
    ASSERT_TRUE(back.ok()) << back.error().toStdString();
    ASSERT_EQ(back->size(), 1);
    EXPECT_EQ(back->first().name, series.name);
    EXPECT_EQ(back->first().points.size(), 3);
    EXPECT_EQ(back->first().points[0].timestampMs, 1700000000123);
    EXPECT_EQ(back->first().points[1].value, 1e-7);
    EXPECT_TRUE(std::isinf(back->first().points[2].value));
}

TEST(QueryRangeJson, ReadsPrometheusOwnAnswer) {
    const QByteArray prometheus = R"({"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"__name__":"up","job":"lmcache","node":"n1"},
         "values":[[1435781430.781,"1"],[1435781445.781,"0"]]}]}})";
    const auto series = QueryRangeJson::readMatrix(prometheus);
    ASSERT_TRUE(series.ok()) << series.error().toStdString();
    EXPECT_EQ(series->first().points[1].timestampMs, 1435781445781);
    EXPECT_EQ(series->first().labels.size(), 2);
}

TEST(QueryRangeJson, ErrorsAreReported) {
    const auto fromServer = QueryRangeJson::readMatrix(
        QueryRangeJson::writeError(QStringLiteral("bad_data"), QStringLiteral("step too small")));
    ASSERT_FALSE(fromServer.ok());
    EXPECT_TRUE(fromServer.error().contains(QStringLiteral("step too small")));
    EXPECT_FALSE(QueryRangeJson::readMatrix("not json").ok());
    EXPECT_FALSE(QueryRangeJson::readMatrix(
                     R"({"status":"success","data":{"resultType":"matrix","result":[
                        {"metric":{},"values":[[1,"x"]]}]}})")
                     .ok());
}
