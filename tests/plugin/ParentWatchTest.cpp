#include "ParentWatch.h"

#include "WaitUntil.h"

#include <gtest/gtest.h>
#include <unistd.h>

using namespace lmcf;

TEST(ParentWatch, ReportsAParentThatIsAlreadyGoneAtOnce) {
    // Expecting a parent we do not have = the parent died before the watch started.
    ParentWatch watch(qint64(::getppid()) + 100000, 50);
    int gone = 0;
    QObject::connect(&watch, &ParentWatch::parentGone, [&] { ++gone; });
    watch.start();
    EXPECT_EQ(gone, 1);
    test::processEventsFor(200);
    EXPECT_EQ(gone, 1); // once only
}

TEST(ParentWatch, StaysQuietWhileTheParentLives) {
    ParentWatch watch(qint64(::getppid()), 20);
    bool gone = false;
    QObject::connect(&watch, &ParentWatch::parentGone, [&] { gone = true; });
    watch.start();
    test::processEventsFor(150);
    EXPECT_FALSE(gone);
}
