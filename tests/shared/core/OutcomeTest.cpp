#include "core/Outcome.h"

#include "QtPrinters.h"

#include <gtest/gtest.h>

using lmcf::Outcome;

TEST(Outcome, SuccessCarriesTheValue) {
    const auto outcome = Outcome<int>::success(42);
    ASSERT_TRUE(outcome.ok());
    EXPECT_EQ(outcome.value(), 42);
    EXPECT_TRUE(outcome.error().isEmpty());
}

TEST(Outcome, FailureCarriesTheError) {
    const auto outcome = Outcome<int>::failure(QStringLiteral("line 3: bad value"));
    EXPECT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error(), QStringLiteral("line 3: bad value"));
}
