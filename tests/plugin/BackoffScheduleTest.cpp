#include "BackoffSchedule.h"

#include <QList>

#include <gtest/gtest.h>

using namespace lmcf;

TEST(BackoffSchedule, DoublesFromTheFirstDelayUpToTheInterval) {
    // unitRandom 1.0 = the top of each step's jitter range.
    const qint64 interval = 30000;
    EXPECT_EQ(BackoffSchedule::delayMs(1, interval, 1000, 1.0), 1000);
    EXPECT_EQ(BackoffSchedule::delayMs(2, interval, 1000, 1.0), 2000);
    EXPECT_EQ(BackoffSchedule::delayMs(3, interval, 1000, 1.0), 4000);
    EXPECT_EQ(BackoffSchedule::delayMs(5, interval, 1000, 1.0), 16000);
    EXPECT_EQ(BackoffSchedule::delayMs(6, interval, 1000, 1.0), 30000);
    EXPECT_EQ(BackoffSchedule::delayMs(1000, interval, 1000, 1.0), 30000);
}

TEST(BackoffSchedule, JitterStaysInTheUpperHalfOfEachStep) {
    EXPECT_EQ(BackoffSchedule::delayMs(3, 30000, 1000, 0.0), 2000);
    EXPECT_EQ(BackoffSchedule::delayMs(3, 30000, 1000, 0.5), 3000);
    EXPECT_EQ(BackoffSchedule::delayMs(10, 30000, 1000, 0.0), 15000);
}

TEST(BackoffSchedule, NeverLongerThanTheIntervalEvenForShortIntervals) {
    for (int failures = 1; failures < 40; ++failures) {
        for (double r : {0.0, 0.3, 1.0, 7.0}) {
            const qint64 delay = BackoffSchedule::delayMs(failures, 200, 1000, r);
            EXPECT_GE(delay, 1);
            EXPECT_LE(delay, 200);
        }
    }
}

TEST(BackoffSchedule, SeededScheduleIsReproducibleAndResets) {
    BackoffSchedule a(30000, 7);
    BackoffSchedule b(30000, 7);
    QList<qint64> first;
    for (int i = 0; i < 8; ++i) {
        first << a.nextDelayMs();
        EXPECT_EQ(first.last(), b.nextDelayMs());
    }
    EXPECT_EQ(a.failures(), 8);
    // Grows (within jitter) and is capped.
    EXPECT_LE(first[0], 1000);
    EXPECT_GE(first[4], 8000);
    EXPECT_LE(first[7], 30000);
    a.reset();
    EXPECT_EQ(a.failures(), 0);
    EXPECT_LE(a.nextDelayMs(), 1000);
}
