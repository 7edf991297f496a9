#include "core/WholeNumber.h"

#include <gtest/gtest.h>
#include <limits>

using lmcf::wholeNumber;
using lmcf::wholeNumberOr;

TEST(WholeNumber, KeepsTheWholePartOfNumbersInRange) {
    EXPECT_EQ(wholeNumber(0.0), 0);
    EXPECT_EQ(wholeNumber(42.9), 42);
    EXPECT_EQ(wholeNumber(-42.9), -42);
    EXPECT_EQ(wholeNumber(5.0 * 1024 * 1024 * 1024), 5LL * 1024 * 1024 * 1024);
    EXPECT_EQ(wholeNumber(-9223372036854775808.0), std::numeric_limits<qint64>::min());
}

TEST(WholeNumber, RefusesWhatQint64CannotHold) {
    EXPECT_FALSE(wholeNumber(9223372036854775808.0));
    EXPECT_FALSE(wholeNumber(1e300));
    EXPECT_FALSE(wholeNumber(-1e300));
    EXPECT_FALSE(wholeNumber(std::numeric_limits<double>::infinity()));
    EXPECT_FALSE(wholeNumber(std::numeric_limits<double>::quiet_NaN()));
    EXPECT_EQ(wholeNumberOr(1e300, -1), -1);
}
