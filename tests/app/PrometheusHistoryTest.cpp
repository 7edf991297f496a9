// The charts' history from a real Prometheus that scraped real simulated nodes (found through
// the real daemon's /api/sd) matches the daemon's built-in history: same nodes, same charts,
// and a node that Prometheus stores twice (directly and through the daemon's /metrics) is not
// counted twice.
#include "ProgramUnderTest.h"
#include "PrometheusUnderTest.h"
#include "QtPrinters.h"
#include "WaitUntil.h"
#include "charts/HistoryLoader.h"
#include "charts/SeriesStore.h"
#include "fleet/FleetConnection.h"

#include <QDateTime>
#include <QJsonArray>

#include <gtest/gtest.h>
#include <memory>
#include <optional>

using namespace lmcf;
using test::ProgramUnderTest;
using test::PrometheusUnderTest;

namespace {

const QStringList kNodes = {QStringLiteral("sim-0"), QStringLiteral("sim-1")};

//! Loads one minute of history at 1 s into `connection`'s store; the loader's problem text.
std::optional<QString> loadHistory(HistoryLoader &loader) {
    std::optional<QString> problem;
    QObject::connect(&loader, &HistoryLoader::finished, &loader,
                     [&](const QString &text) { problem = text; });
    loader.load(60 * 1000, 1);
    test::waitUntil([&] { return problem.has_value(); }, 30000);
    return problem;
}

QStringList sorted(QStringList list) {
    list.sort();
    return list;
}

class PrometheusHistory : public ::testing::Test {
protected:
    void SetUp() override {
        if (const auto why = PrometheusUnderTest::unavailable(); !why.empty())
            GTEST_SKIP() << why;
        ASSERT_TRUE(m_sim.start(2, 15000)) << m_sim.errorText().toStdString();
        const QString nodes = QStringLiteral(R"([{"name":"sim-0","host":"127.0.0.1","port":%1},)"
                                             R"({"name":"sim-1","host":"127.0.0.1","port":%2}])")
                                  .arg(m_sim.url(0).port())
                                  .arg(m_sim.url(1).port());
        m_daemon = std::make_unique<ProgramUnderTest>(
            QStringLiteral(LMCF_FLEETD_PATH),
            QStringList{QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0"),
                        QStringLiteral("--scrape-interval=1"), QStringLiteral("--nodes"), nodes});
        ASSERT_TRUE(m_daemon->start(1, 15000)) << m_daemon->errorText().toStdString();
        // Prometheus keeps the daemon's copy of every node series too: the worst case for
        // double counting.
        const QString authority = QStringLiteral("127.0.0.1:%1").arg(m_daemon->url().port());
        ASSERT_TRUE(m_prometheus.start(PrometheusUnderTest::fleetConfig(authority, true)))
            << m_prometheus.errorText().toStdString();
        // Enough history in both: six scrapes of each node, directly and via the daemon.
        ASSERT_TRUE(test::waitUntil(
            [&] {
                return m_prometheus
                           .query(QStringLiteral("count_over_time(lmcache_mp_lookup_hit_tokens_"
                                                 "total{node!=\"\"}[1m]) >= 6"))
                           .size() == 4;
            },
            25000));
    }

    ProgramUnderTest m_sim{QStringLiteral(LMCF_SIM_PATH),
                           {QStringLiteral("--nodes=2"), QStringLiteral("--host=127.0.0.1"),
                            QStringLiteral("--base-port=0"), QStringLiteral("--seed=5")}};
    std::unique_ptr<ProgramUnderTest> m_daemon;
    PrometheusUnderTest m_prometheus;
};

} // namespace

TEST(HistoryLoader, AsksTheDaemonForNamesAndPrometheusForDeduplicatedSeries) {
    const QString name = QStringLiteral("lmcache:num_lookup_hit_tokens");
    EXPECT_EQ(HistoryLoader::queryFor(name, false), name);
    EXPECT_EQ(HistoryLoader::queryFor(name, true),
              QStringLiteral("max without (instance, job, proxy, state, version) "
                             "(lmcache:num_lookup_hit_tokens{node!=\"\"})"));
    FleetConnection connection;
    HistoryLoader loader(&connection);
    EXPECT_FALSE(loader.usesPrometheus());
    EXPECT_EQ(loader.sourceName(), QStringLiteral("the daemon"));
    loader.setSource(QUrl(QStringLiteral("http://user:secret@prom:9090/")));
    EXPECT_TRUE(loader.usesPrometheus());
    EXPECT_EQ(loader.sourceName(), QStringLiteral("Prometheus at http://prom:9090"));
    loader.setSource(QUrl());
    EXPECT_FALSE(loader.usesPrometheus());
}

TEST_F(PrometheusHistory, ChartsFromPrometheusMatchTheDaemonsHistory) {
    FleetConnection daemonSide;
    daemonSide.connectTo(m_daemon->url(), {});
    HistoryLoader fromDaemon(&daemonSide);
    ASSERT_EQ(loadHistory(fromDaemon), QString());

    FleetConnection prometheusSide; // never connected: everything it holds came from Prometheus
    HistoryLoader fromPrometheus(&prometheusSide);
    fromPrometheus.setSource(m_prometheus.url());
    ASSERT_EQ(loadHistory(fromPrometheus), QString());

    SeriesStore *store = prometheusSide.store();
    EXPECT_EQ(sorted(store->nodes()), kNodes);
    EXPECT_EQ(sorted(daemonSide.store()->nodes()), kNodes);
    const qint64 from = QDateTime::currentMSecsSinceEpoch() - 60 * 1000;
    for (const QString &node : kNodes) {
        EXPECT_GE(store->raw(node, Quantity::HitTokens).size(), 3) << node.toStdString();
        for (SeriesStore *side : {store, daemonSide.store()}) {
            const auto hitRate = side->series(ChartKind::HitRate, node, from, 1000);
            ASSERT_FALSE(hitRate.isEmpty()) << node.toStdString();
            for (const QPointF &point : hitRate) {
                EXPECT_GE(point.y(), 0.0);
                EXPECT_LE(point.y(), 100.0);
            }
            EXPECT_FALSE(side->series(ChartKind::RetrieveRate, node, from, 1000).isEmpty());
        }
    }
    EXPECT_FALSE(store->series(ChartKind::LookupRate, {}, from, 1000).isEmpty());
}

TEST_F(PrometheusHistory, ANodeStoredTwiceInPrometheusCountsOnce) {
    FleetConnection connection;
    HistoryLoader loader(&connection);
    loader.setSource(m_prometheus.url());
    ASSERT_EQ(loadHistory(loader), QString());
    // Both jobs hold the node's series ...
    EXPECT_EQ(
        m_prometheus.query(QStringLiteral("lmcache_mp_lookup_hit_tokens_total{node=\"sim-0\"}"))
            .size(),
        2);
    // ... yet the loaded value is one node's worth: the newer of the two copies (both families
    // of a copy come from one scrape), never their sum.
    const QVector<TimedValue> &loaded =
        connection.store()->raw(QStringLiteral("sim-0"), Quantity::HitTokens);
    ASSERT_FALSE(loaded.isEmpty());
    const TimedValue last = loaded.last();
    const QString perJob = QStringLiteral(
        "sum by (job) ({__name__=~\"lmcache_mp_lookup_hit_tokens_total|lmcache:num_lookup_hit_"
        "tokens\",node=\"sim-0\"})");
    const QJsonArray answer =
        m_prometheus
            .api(QStringLiteral("/api/v1/query?time=%1&query=%2")
                     .arg(QString::number(double(last.ms) / 1000.0, 'f', 3),
                          QString::fromLatin1(QUrl::toPercentEncoding(perJob))))
            .value(QLatin1String("data"))[QLatin1String("result")]
            .toArray();
    ASSERT_EQ(answer.size(), 2);
    const double direct = answer.at(0)[QLatin1String("value")][1].toString().toDouble();
    const double viaDaemon = answer.at(1)[QLatin1String("value")][1].toString().toDouble();
    EXPECT_GT(std::min(direct, viaDaemon), 0.0);
    EXPECT_DOUBLE_EQ(last.value, std::max(direct, viaDaemon));
}
