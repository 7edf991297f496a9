#include "charts/SeriesStore.h"

#include "charts/ChartsView.h"
#include "charts/HistoryLoader.h"
#include "charts/MetricCatalog.h"
#include "fleet/MetricText.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace lmcf;

namespace {
QList<MetricSample> scrape(double hit, double requested, double evictions, const char *node,
                           bool mp) {
    const QByteArray n = node;
    QByteArray text;
    if (mp) {
        text = "lmcache_mp_lookup_hit_tokens_total{node=\"" + n + "\"} " + QByteArray::number(hit) +
               "\nlmcache_mp_lookup_requested_tokens_total{node=\"" + n + "\"} " +
               QByteArray::number(requested) + "\nlmcache_mp_l1_evicted_keys_total{node=\"" + n +
               "\"} " + QByteArray::number(evictions) +
               "\nlmcache_mp_l1_memory_usage_bytes{node=\"" + n + "\"} 1073741824\n";
    } else {
        // Two workers of one node add up; `_total` suffix as prometheus_client writes it.
        for (const char *worker : {"0", "1"}) {
            const QByteArray labels = "{node=\"" + n + "\",worker_id=\"" + worker + "\"} ";
            text += "lmcache:num_lookup_hit_tokens_total" + labels + QByteArray::number(hit / 2) +
                    "\nlmcache:num_lookup_requested_tokens" + labels +
                    QByteArray::number(requested / 2) + "\nlmcache:local_cpu_evict_count" + labels +
                    QByteArray::number(evictions / 2) + "\n";
        }
    }
    return MetricText::parse(text).samples;
}
} // namespace

TEST(MetricCatalog, KnowsBothFamilies) {
    EXPECT_EQ(MetricCatalog::quantityOf(QStringLiteral("lmcache:num_lookup_hit_tokens")),
              Quantity::HitTokens);
    EXPECT_EQ(MetricCatalog::quantityOf(QStringLiteral("lmcache:num_lookup_hit_tokens_total")),
              Quantity::HitTokens);
    EXPECT_EQ(MetricCatalog::quantityOf(QStringLiteral("lmcache_mp_lookup_hit_tokens_total")),
              Quantity::HitTokens);
    EXPECT_FALSE(MetricCatalog::quantityOf(QStringLiteral("lmcache_mp_lookup_hit_tokens")));
    EXPECT_TRUE(MetricCatalog::namesOf(Quantity::Evictions)
                    .contains(QStringLiteral("lmcache:local_cpu_evict_count_total")));
}

TEST(SeriesStore, RatesAndHitRatePerNodeAndFleet) {
    SeriesStore store;
    store.addScrape(10000, scrape(0, 0, 0, "v", false) + scrape(0, 0, 0, "m", true));
    store.addScrape(20000, scrape(800, 1000, 20, "v", false) + scrape(100, 1000, 10, "m", true));
    EXPECT_NEAR(*store.latest(ChartKind::HitRate, QStringLiteral("v"), 30000), 0.8, 1e-9);
    EXPECT_NEAR(*store.latest(ChartKind::HitRate, QStringLiteral("m"), 30000), 0.1, 1e-9);
    EXPECT_NEAR(*store.latest(ChartKind::EvictionRate, QStringLiteral("v"), 30000), 2.0, 1e-9);
    EXPECT_NEAR(*store.latest(ChartKind::L1Usage, QStringLiteral("m"), 30000), 1073741824.0, 1);
    EXPECT_FALSE(store.latest(ChartKind::L1Usage, QStringLiteral("v"), 30000).has_value());

    const auto fleetHit = store.series(ChartKind::HitRate, {}, 0, 5000);
    ASSERT_EQ(fleetHit.size(), 1);
    EXPECT_NEAR(fleetHit[0].y(), 100.0 * 900 / 2000, 1e-9); // summed rates, in %
    const auto fleetEvictions = store.series(ChartKind::EvictionRate, {}, 0, 5000);
    ASSERT_EQ(fleetEvictions.size(), 1);
    EXPECT_NEAR(fleetEvictions[0].y(), 3.0, 1e-9);
    const auto l1 = store.series(ChartKind::L1Usage, QStringLiteral("m"), 0, 5000);
    ASSERT_EQ(l1.size(), 2);
    EXPECT_NEAR(l1[0].y(), 1.0, 1e-9); // GiB
}

TEST(SeriesStore, CounterResetCountsFromZeroAndRetentionTrims) {
    SeriesStore store;
    store.setRetentionMs(60000);
    store.addScrape(0, scrape(100, 1000, 100, "v", false));
    store.addScrape(10000, scrape(50, 500, 10, "v", false)); // restarted
    EXPECT_NEAR(*store.latest(ChartKind::EvictionRate, QStringLiteral("v"), 30000), 1.0, 1e-9);
    store.addScrape(100000, scrape(60, 600, 20, "v", false));
    EXPECT_EQ(store.raw(QStringLiteral("v"), Quantity::Evictions).size(), 1);
}

TEST(SeriesStore, HistoryGoesInFrontOfLiveData) {
    SeriesStore store;
    store.addScrape(100000, scrape(0, 0, 50, "v", false));
    store.addHistory(QStringLiteral("v"), Quantity::Evictions,
                     {{90000, 40}, {80000, 30}, {100000, 999}, {110000, 999}});
    const auto &raw = store.raw(QStringLiteral("v"), Quantity::Evictions);
    ASSERT_EQ(raw.size(), 3);
    EXPECT_EQ(raw[0].ms, 80000);
    EXPECT_EQ(raw[2].value, 50);
    store.retainNodes({});
    EXPECT_TRUE(store.nodes().isEmpty());
}

TEST(HistoryLoader, ReadsPrometheusMatrixSummingPerNode) {
    const QByteArray body = R"({"status":"success","data":{"resultType":"matrix","result":[
      {"metric":{"__name__":"x","node":"a","worker_id":"0"},"values":[[100,"1"],[105,"2"]]},
      {"metric":{"__name__":"x","node":"a","worker_id":"1"},"values":[[100,"3"]]},
      {"metric":{"__name__":"x","node":"b"},"values":[[100.5,"7"],[101,"bad"]]}]}})";
    QString error;
    const auto matrix = HistoryLoader::readMatrix(QJsonDocument::fromJson(body), &error);
    EXPECT_TRUE(error.isEmpty());
    EXPECT_EQ(matrix.value(QStringLiteral("a")).value(100000), 4.0);
    EXPECT_EQ(matrix.value(QStringLiteral("a")).value(105000), 2.0);
    EXPECT_EQ(matrix.value(QStringLiteral("b")).size(), 1);
    HistoryLoader::readMatrix(QJsonDocument::fromJson(R"({"status":"error","error":"bad query"})"),
                              &error);
    EXPECT_EQ(error, QStringLiteral("bad query"));
}

TEST(ChartsView, DrawsFromTheStoreAndExportsCsv) {
    SeriesStore store;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    store.addScrape(now - 20000, scrape(0, 0, 0, "v", false));
    store.addScrape(now - 10000, scrape(500, 1000, 10, "v", false));
    store.addScrape(now, scrape(1000, 2000, 20, "v", false));
    ChartsView view(&store);
    view.resize(1200, 700);
    view.show();
    view.redraw();
    EXPECT_GT(view.pointCount(), 0);
    const QString path = QDir::temp().filePath(QStringLiteral("lmcf-charts-test.csv"));
    ASSERT_TRUE(view.exportCsv(path));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    EXPECT_TRUE(csv.contains("time,Hit rate (%)"));
    EXPECT_TRUE(csv.contains(",50\n"));
    file.remove();
}

TEST(SeriesStore, OldPointsAreThinnedToWhatTheChartsShow) {
    SeriesStore store;
    const qint64 start = 1'700'000'000'000;
    const int seconds = 30 * 60;
    for (int s = 0; s <= seconds; ++s) // one refresh a second for 30 minutes, 10 tokens/s
        store.addScrape(start + s * 1000LL, scrape(5.0 * s, 10.0 * s, s, "a", true));
    const QVector<TimedValue> &values = store.raw(QStringLiteral("a"), Quantity::LookupTokens);
    // The last 5 minutes whole (thinning runs every minute), then 3.75 s, then 15 s spacing.
    EXPECT_LT(values.size(), 300 + 60 + 160 + 60 + 10);
    EXPECT_GE(values.size(), 300);
    EXPECT_EQ(values.last().ms, start + seconds * 1000LL);
    const auto rate = store.latest(ChartKind::LookupRate, QStringLiteral("a"), 30'000);
    ASSERT_TRUE(rate.has_value());
    EXPECT_NEAR(*rate, 10.0, 1e-9);
    // A rate across the thinned past is still the true mean rate.
    const QVector<QPointF> hour =
        store.series(ChartKind::LookupRate, QStringLiteral("a"), start, 15'000);
    ASSERT_FALSE(hour.isEmpty());
    for (const QPointF &p : hour)
        EXPECT_NEAR(p.y(), 10.0, 1e-9) << qint64(p.x());
    EXPECT_NEAR(*store.latest(ChartKind::HitRate, QStringLiteral("a"), 30'000), 0.5, 1e-9);
}
