// HistoryRecorder: what one round of scrapes turns into in the history, per node and fleet-wide.
#include "scrape/HistoryRecorder.h"

#include "QtPrinters.h"
#include "TestData.h"
#include "history/HistoryStore.h"
#include "prometheus/ChartedMetrics.h"
#include "scrape/FleetScraper.h"

#include <gtest/gtest.h>

using namespace lmcf;

namespace {
ScrapeOutcome answered(const char *node, const QByteArray &body) {
    ScrapeOutcome outcome;
    outcome.node = QString::fromLatin1(node);
    outcome.result.status = 200;
    outcome.result.body = body;
    outcome.result.elapsedMs = 5;
    return outcome;
}

ScrapeOutcome failed(const char *node) {
    ScrapeOutcome outcome;
    outcome.node = QString::fromLatin1(node);
    outcome.result.error = QStringLiteral("Connection refused");
    return outcome;
}

QByteArray vllmText(double requests, double usage, double hitRate) {
    return "# TYPE lmcache:num_retrieve_requests counter\n"
           "lmcache:num_retrieve_requests{model_name=\"m\",worker_id=\"0\"} " +
           QByteArray::number(requests) +
           "\n# TYPE lmcache:local_cache_usage gauge\n"
           "lmcache:local_cache_usage{model_name=\"m\",worker_id=\"0\"} " +
           QByteArray::number(usage) +
           "\n# TYPE lmcache:retrieve_hit_rate gauge\n"
           "lmcache:retrieve_hit_rate{model_name=\"m\",worker_id=\"0\"} " +
           QByteArray::number(hitRate) +
           "\n# TYPE lmcache:time_to_retrieve histogram\n"
           "lmcache:time_to_retrieve_bucket{le=\"+Inf\"} 3\n"
           "lmcache:time_to_retrieve_sum 1\nlmcache:time_to_retrieve_count 3\n"
           "# TYPE unrelated gauge\nunrelated 7\n";
}

FleetScrape round(qint64 generation, QList<ScrapeOutcome> outcomes) {
    FleetScrape scrape;
    scrape.generation = generation;
    scrape.finishedAtMs = generation * 1000;
    scrape.outcomes = std::move(outcomes);
    return scrape;
}

//! The value of the only series `selector` matches at time `atMs`, or NaN.
double valueAt(const HistoryStore &store, const char *selector, qint64 atMs) {
    const auto series = store.query(SeriesSelector::parse(selector).value(), atMs, atMs, 1000);
    if (!series || series->size() != 1 || series->first().points.size() != 1)
        return std::nan("");
    return series->first().points.first().value;
}

class Recorder : public ::testing::Test {
protected:
    HttpClient client;
    FleetScraper scraper{client, {}};
    HistoryStore store{100};
    HistoryRecorder recorder{scraper, store, 1000};
};
} // namespace

TEST_F(Recorder, KeepsChartedSeriesPerNodeWithTheirOwnLabels) {
    recorder.record(round(1, {answered("a", vllmText(10, 100, 0.5))}));
    EXPECT_EQ(valueAt(store, R"(lmcache:num_retrieve_requests{node="a",worker_id="0"})", 1000), 10);
    EXPECT_EQ(valueAt(store, R"(lmcache:local_cache_usage{node="a",model_name="m"})", 1000), 100);
    EXPECT_EQ(valueAt(store, R"(lmcache_fleet_node_up{node="a"})", 1000), 1);
    EXPECT_TRUE(std::isnan(valueAt(store, "unrelated", 1000)));
    EXPECT_TRUE(std::isnan(valueAt(store, R"({__name__=~"lmcache:time_to_retrieve.*"})", 1000)));
}

TEST_F(Recorder, FleetSeriesSumGaugesAverageRatiosAndCountNodesUp) {
    recorder.record(round(1, {answered("a", vllmText(10, 100, 0.5)),
                              answered("b", vllmText(20, 300, 0.9)), failed("c")}));
    EXPECT_EQ(valueAt(store, R"(lmcache:local_cache_usage{node="_fleet"})", 1000), 400);
    EXPECT_DOUBLE_EQ(valueAt(store, R"(lmcache:retrieve_hit_rate{node="_fleet"})", 1000), 0.7);
    EXPECT_EQ(valueAt(store, R"(lmcache_fleet_node_up{node="_fleet"})", 1000), 2);
    EXPECT_EQ(valueAt(store, R"(lmcache_fleet_node_up{node="c"})", 1000), 0);
    // The fleet's series carry only the node label.
    const auto fleet =
        store.query(SeriesSelector::parse(R"({node="_fleet"})").value(), 1000, 1000, 1000);
    ASSERT_TRUE(fleet.ok());
    for (const HistorySeries &series : *fleet)
        EXPECT_EQ(series.labels.size(), 1) << series.name.toStdString();
}

TEST_F(Recorder, FleetCountersAddIncreasesAndSurviveResetsAndLostNodes) {
    recorder.record(
        round(1, {answered("a", vllmText(100, 1, 1)), answered("b", vllmText(50, 1, 1))}));
    recorder.record(
        round(2, {answered("a", vllmText(110, 1, 1)), answered("b", vllmText(55, 1, 1))}));
    // b restarts (its counter starts over), a is not reachable this round.
    recorder.record(round(3, {failed("a"), answered("b", vllmText(3, 1, 1))}));
    recorder.record(
        round(4, {answered("a", vllmText(120, 1, 1)), answered("b", vllmText(4, 1, 1))}));
    const char *fleet = R"(lmcache:num_retrieve_requests{node="_fleet"})";
    EXPECT_EQ(valueAt(store, fleet, 1000), 0);  // first sight: no increase known
    EXPECT_EQ(valueAt(store, fleet, 2000), 15); // +10 +5
    EXPECT_EQ(valueAt(store, fleet, 3000), 18); // b reset to 3: +3; a missing: no dip
    EXPECT_EQ(valueAt(store, fleet, 4000), 29); // a +10, b +1
    // Raw per-node values stay as scraped; the failed round leaves a hole, not a zero.
    EXPECT_EQ(valueAt(store, R"(lmcache:num_retrieve_requests{node="b"})", 3000), 3);
    EXPECT_TRUE(std::isnan(valueAt(store, R"(lmcache:num_retrieve_requests{node="a"})", 3000)));
}

TEST_F(Recorder, SameRoundTwiceIsRecordedOnce) {
    const FleetScrape scrape = round(1, {answered("a", vllmText(10, 1, 1))});
    recorder.record(scrape);
    recorder.record(scrape);
    const auto series = store.query(
        SeriesSelector::parse(R"(lmcache_fleet_node_up{node="a"})").value(), 0, 2000, 1000);
    ASSERT_TRUE(series.ok());
    EXPECT_EQ(series->size(), 1);
}

TEST_F(Recorder, ReadsOpenMetricsAndTextFixturesOfBothModes) {
    ScrapeOutcome openMetrics =
        answered("om", test::readData(QStringLiteral("metrics/mp-node.openmetrics.txt")));
    openMetrics.result.headers.append(
        {QByteArray("Content-Type"),
         QByteArray("application/openmetrics-text; version=1.0.0; charset=utf-8")});
    recorder.record(round(
        1, {openMetrics, answered("mp", test::readData(QStringLiteral("metrics/mp-node.prom"))),
            answered("vllm", test::readData(QStringLiteral("metrics/vllm-node.prom")))}));
    EXPECT_EQ(valueAt(store, R"(lmcache_mp_lookup_hit_tokens_total{node="om"})", 1000), 7517759);
    EXPECT_EQ(valueAt(store, R"(lmcache_mp_lookup_hit_tokens_total{node="mp"})", 1000), 1902130);
    EXPECT_EQ(valueAt(store, R"(lmcache_fleet_node_up{node="_fleet"})", 1000), 3);
    EXPECT_EQ(valueAt(store, R"(lmcache:num_retrieve_requests{node="vllm",worker_id="1"})", 1000),
              4142830);
    EXPECT_TRUE(std::isnan(valueAt(store, R"({__name__=~".*_created"})", 1000)));
}

TEST(ChartedMetricsList, FindsListedNamesAndTotalSuffixedCounters) {
    ASSERT_NE(ChartedMetrics::find("lmcache:num_lookup_hit_tokens"), nullptr);
    const ChartedMetric *suffixed = ChartedMetrics::find("lmcache:num_lookup_hit_tokens_total");
    ASSERT_NE(suffixed, nullptr);
    EXPECT_EQ(suffixed->name, "lmcache:num_lookup_hit_tokens");
    EXPECT_NE(ChartedMetrics::find("lmcache_mp_l1_memory_usage_bytes"), nullptr);
    EXPECT_EQ(ChartedMetrics::find("lmcache:retrieve_hit_rate_total"), nullptr);
    EXPECT_EQ(ChartedMetrics::find("lmcache:time_to_retrieve_bucket"), nullptr);
    EXPECT_GE(ChartedMetrics::all().size(), 23);
}
