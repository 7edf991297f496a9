#include "history/SeriesValueRing.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <limits>
#include <map>
#include <random>

using namespace lmcf;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::uint64_t bitsOf(double v) {
    return std::bit_cast<std::uint64_t>(v);
}
} // namespace

TEST(SeriesValueRing, ReadsBackEveryRoundOfTheWindow) {
    SeriesValueRing ring(10, 4);
    for (int r = 0; r < 30; ++r)
        ring.record(r, r * 1.5);
    DecodedBlock block;
    for (int r = 20; r < 30; ++r)
        EXPECT_EQ(ring.valueAt(r, block), r * 1.5) << r;
    EXPECT_TRUE(std::isnan(ring.valueAt(30, block)));
    EXPECT_TRUE(std::isnan(ring.valueAt(-1, block)));
    EXPECT_EQ(ring.lastRound(), 29);
}

TEST(SeriesValueRing, EvictsTheOldestBlockAsTheRingWraps) {
    SeriesValueRing ring(8, 4);
    DecodedBlock block;
    for (int r = 0; r < 12; ++r)
        ring.record(r, r);
    // Window [4, 11]: rounds 0-3 (block 0) are gone, blocks 1 and 2 are closed or pending.
    EXPECT_TRUE(std::isnan(ring.valueAt(3, block)));
    EXPECT_EQ(ring.valueAt(4, block), 4.0);
    EXPECT_LE(ring.closedBlocks(), 2);
    std::mt19937_64 random(5);
    qint64 memoryEarly = 0;
    for (int r = 12; r < 20000; ++r) {
        ring.record(r, std::bit_cast<double>(random())); // incompressible
        EXPECT_LE(ring.closedBlocks(), 3);
        if (r == 100)
            memoryEarly = ring.memoryBytes();
    }
    EXPECT_LE(ring.memoryBytes(), memoryEarly * 2); // bounded, not growing with rounds
}

TEST(SeriesValueRing, SkippedRoundsHoldNoValue) {
    SeriesValueRing ring(100, 8);
    ring.record(3, 1);
    ring.record(9, 2);
    DecodedBlock block;
    for (int r = 0; r < 9; ++r)
        EXPECT_EQ(std::isnan(ring.valueAt(r, block)), r != 3) << r;
    EXPECT_EQ(ring.valueAt(9, block), 2.0);
    // Silent for longer than the window: the old blocks are dropped at once.
    ring.record(5000, 3);
    ring.record(5001, 4);
    EXPECT_EQ(ring.closedBlocks(), 0);
    EXPECT_EQ(ring.valueAt(5000, block), 3.0);
    EXPECT_TRUE(std::isnan(ring.valueAt(9, block)));
}

TEST(SeriesValueRing, RecordingARoundAgainReplacesItAndThePastIsIgnored) {
    SeriesValueRing ring(10, 4);
    ring.record(5, 1);
    ring.record(5, 2);
    ring.record(4, 99);
    ring.record(-1, 99);
    ring.record(6, 3);
    DecodedBlock block;
    EXPECT_TRUE(std::isnan(ring.valueAt(4, block)));
    EXPECT_EQ(ring.valueAt(5, block), 2.0);
    EXPECT_EQ(ring.valueAt(6, block), 3.0);
}

TEST(SeriesValueRing, MatchesAPlainMapOnRandomRecordings) {
    std::mt19937_64 random(99);
    for (const auto &[capacity, blockRounds] :
         std::vector<std::pair<int, int>>{{4, 64}, {10, 4}, {720, 64}, {33, 7}, {5, 1}}) {
        SeriesValueRing ring(capacity, blockRounds);
        std::map<qint64, double> expected;
        qint64 round = 0;
        for (int i = 0; i < 3000; ++i) {
            const auto dice = random() % 100;
            round += dice < 70 ? 1 : dice < 80 ? 0 : dice < 97 ? qint64(random() % 10) : 900;
            const double value = dice % 3 == 0   ? std::bit_cast<double>(random())
                                 : dice % 3 == 1 ? double(round * 10)
                                                 : (dice % 2 ? kNaN : -0.0);
            ring.record(round, value);
            expected[round] = value;
        }
        DecodedBlock block;
        for (qint64 r = round - capacity + 1; r <= round + 2; ++r) {
            const auto it = expected.find(r);
            const double want = it == expected.end() ? kNaN : it->second;
            ASSERT_EQ(bitsOf(ring.valueAt(r, block)), bitsOf(want))
                << "capacity " << capacity << " block " << blockRounds << " round " << r;
        }
    }
}
