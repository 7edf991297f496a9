#include "fleet/FleetMetrics.h"

#include "CannedHttpPeer.h"
#include "QtPrinters.h"
#include "WaitUntil.h"
#include "charts/SeriesStore.h"
#include "fleet/FleetConnection.h"

#include <gtest/gtest.h>

using namespace lmcf;

namespace {

// An aggregated /metrics as the daemon writes it: charted and other families, node labels,
// `lmcache_fleet_node_up` per node.
const QByteArray kAggregated =
    QByteArrayLiteral("# HELP lmcache:num_lookup_hit_tokens Number of tokens hit in lookup\n"
                      "# TYPE lmcache:num_lookup_hit_tokens counter\n"
                      "lmcache:num_lookup_hit_tokens{node=\"a\",worker_id=\"0\"} 90\n"
                      "lmcache:num_lookup_hit_tokens{node=\"b\",worker_id=\"0\"} 10\n"
                      "# TYPE lmcache:time_to_retrieve histogram\n"
                      "lmcache:time_to_retrieve_bucket{node=\"a\",le=\"+Inf\"} 3\n"
                      "lmcache:time_to_retrieve_sum{node=\"a\"} 0.5\n"
                      "lmcache:time_to_retrieve_count{node=\"a\"} 3\n"
                      "# TYPE lmcache_mp_l1_memory_usage_bytes gauge\n"
                      "lmcache_mp_l1_memory_usage_bytes{node=\"c\"} 2048\n"
                      "# TYPE lmcache_fleet_node_up gauge\n"
                      "lmcache_fleet_node_up{node=\"a\"} 1\n"
                      "lmcache_fleet_node_up{node=\"b\"} 1\n"
                      "lmcache_fleet_node_up{node=\"c\"} 0\n"
                      "# TYPE lmcache_fleet_scrape_duration_seconds gauge\n"
                      "lmcache_fleet_scrape_duration_seconds{node=\"a\"} 0.01\n");

} // namespace

TEST(FleetMetrics, KeepsOnlyChartedLinesAndNodeUp) {
    const QByteArray kept = FleetMetrics::wantedLines(kAggregated);
    EXPECT_TRUE(kept.contains("lmcache:num_lookup_hit_tokens{node=\"b\""));
    EXPECT_TRUE(kept.contains("# TYPE lmcache:num_lookup_hit_tokens counter\n"));
    EXPECT_TRUE(kept.contains("lmcache_mp_l1_memory_usage_bytes{node=\"c\"} 2048\n"));
    EXPECT_TRUE(kept.contains("lmcache_fleet_node_up{node=\"c\"} 0\n"));
    EXPECT_FALSE(kept.contains("time_to_retrieve"));
    EXPECT_FALSE(kept.contains("scrape_duration"));
}

TEST(FleetMetrics, ReadsChartedSamplesAndWhichNodesAnswered) {
    const FleetMetrics metrics = FleetMetrics::read(kAggregated);
    EXPECT_EQ(metrics.skippedLines, 0);
    ASSERT_EQ(metrics.charted.size(), 3);
    EXPECT_EQ(metrics.charted[0].name, QStringLiteral("lmcache:num_lookup_hit_tokens"));
    EXPECT_EQ(metrics.charted[0].label(QStringLiteral("node")), QStringLiteral("a"));
    EXPECT_DOUBLE_EQ(metrics.charted[0].value, 90);
    EXPECT_EQ(metrics.up.value(QStringLiteral("a")), true);
    EXPECT_EQ(metrics.up.value(QStringLiteral("c"), true), false);
    EXPECT_FALSE(metrics.up.contains(QStringLiteral("d")));
}

TEST(FleetMetrics, VllmCounterWithTotalSuffixIsCharted) {
    const FleetMetrics metrics =
        FleetMetrics::read("# TYPE lmcache:num_lookup_hit_tokens_total counter\n"
                           "lmcache:num_lookup_hit_tokens_total{node=\"a\"} 5\n");
    ASSERT_EQ(metrics.charted.size(), 1);
    EXPECT_DOUBLE_EQ(metrics.charted[0].value, 5);
}

TEST(FleetMetrics, BrokenLinesAreSkippedNotFatal) {
    const FleetMetrics metrics = FleetMetrics::read("lmcache:num_lookup_hit_tokens{node=\"a\" 5\n"
                                                    "lmcache_fleet_node_up{node=\"a\"} 1\n"
                                                    "lmcache_fleet_node_up{node=\"b\"} banana\n");
    EXPECT_EQ(metrics.up.value(QStringLiteral("a")), true);
    EXPECT_FALSE(metrics.up.contains(QStringLiteral("b")));
    EXPECT_GE(metrics.skippedLines, 2);
}

TEST(FleetMetrics, EmptyTextIsNothing) {
    const FleetMetrics metrics = FleetMetrics::read({});
    EXPECT_TRUE(metrics.charted.isEmpty());
    EXPECT_TRUE(metrics.up.isEmpty());
}

TEST(FleetConnection, TheSameRoundServedAgainIsStoredOnce) {
    // A peer that answers every request with the same text: the daemon's reuse window.
    test::CannedHttpPeer daemon(test::CannedHttpPeer::okReply(kAggregated));
    FleetConnection connection;
    connection.setRefreshIntervalMs(250);
    connection.connectTo(daemon.url(QString()), {});
    ASSERT_TRUE(test::waitUntil([&] { return connection.scrapeCount() >= 3; }, 5000));
    EXPECT_EQ(connection.store()->raw(QStringLiteral("a"), Quantity::HitTokens).size(), 1);
}
