#include "history/HistoryStore.h"

#include "QtPrinters.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace lmcf;

namespace {
SeriesSelector select(const char *text) {
    return SeriesSelector::parse(text).value();
}
const SeriesLabels kN1 = {{"node", "n1"}};
const SeriesLabels kN2 = {{"node", "n2"}};
} // namespace

TEST(HistoryStore, ReturnsRecordedPointsAtEachStep) {
    HistoryStore store(10);
    for (int i = 0; i < 5; ++i) {
        store.beginRound(1000 * i);
        store.record("hits", kN1, i * 10.0);
    }
    const auto result = store.query(select("hits"), 0, 4000, 1000);
    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result->size(), 1);
    const auto &points = result->first().points;
    ASSERT_EQ(points.size(), 5);
    EXPECT_EQ(points[3].timestampMs, 3000);
    EXPECT_EQ(points[3].value, 30.0);
}

TEST(HistoryStore, StepBetweenRoundsTakesTheLatestEarlierValue) {
    HistoryStore store(10);
    store.beginRound(0);
    store.record("g", kN1, 1);
    store.beginRound(5000);
    store.record("g", kN1, 2);
    const auto result = store.query(select("g"), 0, 9000, 3000).value();
    ASSERT_EQ(result.size(), 1);
    QList<double> values;
    for (const auto &p : result.first().points)
        values << p.value;
    EXPECT_EQ(values, (QList<double>{1, 1, 2, 2}));
}

TEST(HistoryStore, KeepsOnlyTheWindowAndForgetsSilentSeries) {
    HistoryStore store(4);
    for (int i = 0; i < 10; ++i) {
        store.beginRound(1000 * i);
        store.record("a", kN1, i);
        if (i < 2)
            store.record("a", kN2, i);
    }
    const auto result = store.query(select("a"), 0, 9000, 1000, 500).value();
    ASSERT_EQ(result.size(), 1);
    EXPECT_EQ(result.first().labels, kN1);
    EXPECT_EQ(result.first().points.size(), 4);
    EXPECT_EQ(result.first().points.first().value, 6.0);
    EXPECT_EQ(store.seriesCount(), 1);
}

TEST(HistoryStore, MissedRoundsAreGapsNotOldValues) {
    HistoryStore store(4);
    for (int i = 0; i < 8; ++i) {
        store.beginRound(1000 * i);
        if (i == 1 || i == 7)
            store.record("a", kN1, i);
        store.record("b", kN1, i); // keeps rounds going
    }
    const auto points = store.query(select("a"), 4000, 7000, 1000, 100).value().first().points;
    ASSERT_EQ(points.size(), 1);
    EXPECT_EQ(points.first().value, 7.0);
}

TEST(HistoryStore, CapsSeriesCount) {
    HistoryStore store(4, 2);
    store.beginRound(0);
    store.record("a", kN1, 1);
    store.record("a", kN2, 1);
    store.record("b", kN1, 1);
    EXPECT_EQ(store.seriesCount(), 2);
    EXPECT_EQ(store.droppedSeries(), 1);
}

TEST(HistoryStore, RefusesBadRanges) {
    HistoryStore store(4);
    EXPECT_FALSE(store.query(select("a"), 0, 10, 0).ok());
    EXPECT_FALSE(store.query(select("a"), 10, 0, 1).ok());
    const auto tooMany = store.query(select("a"), 0, 20000000, 1);
    ASSERT_FALSE(tooMany.ok());
    EXPECT_TRUE(tooMany.error().contains(QStringLiteral("11,000")));
}

TEST(HistoryStore, NanIsNoValue) {
    HistoryStore store(4);
    store.beginRound(0);
    store.record("a", kN1, std::nan(""));
    EXPECT_TRUE(store.query(select("a"), 0, 0, 1).value().isEmpty());
}

TEST(HistoryStore, SamplesOfARoundFromThePastAreIgnored) {
    HistoryStore store(10);
    store.beginRound(5000);
    store.record("hits", kN1, 1);
    store.beginRound(4000); // the clock went back
    store.record("hits", kN1, 99);
    const auto result = store.query(select("hits"), 5000, 5000, 1000);
    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result->size(), 1);
    EXPECT_EQ(result->first().points.first().value, 1.0);
}
