#include "FaultPlan.h"

#include <gtest/gtest.h>

using namespace lmcf;
using Availability = FaultPlan::Availability;

TEST(FaultPlan, NoFaultsMeansAlwaysUpAndNeverFailing) {
    FaultPlan plan({}, 1);
    EXPECT_EQ(plan.availabilityAt(0), Availability::Up);
    EXPECT_EQ(plan.availabilityAt(1e6), Availability::Up);
    EXPECT_LT(plan.nextChangeAfter(5), 0);
    for (int i = 0; i < 100; ++i)
        EXPECT_FALSE(plan.nextRequestFails());
}

TEST(FaultPlan, FlapAlternatesUpAndDown) {
    FaultSettings settings;
    settings.flapS = 2;
    const FaultPlan plan(settings, 1);
    EXPECT_EQ(plan.availabilityAt(0.5), Availability::Up);
    EXPECT_EQ(plan.availabilityAt(2.5), Availability::Down);
    EXPECT_EQ(plan.availabilityAt(4.5), Availability::Up);
    EXPECT_DOUBLE_EQ(plan.nextChangeAfter(0.5), 2.0);
    EXPECT_DOUBLE_EQ(plan.nextChangeAfter(2.5), 4.0);
}

TEST(FaultPlan, DieAfterIsForGoodAndWinsOverFlap) {
    FaultSettings settings;
    settings.flapS = 2;
    settings.dieAfterS = 3;
    const FaultPlan plan(settings, 1);
    EXPECT_DOUBLE_EQ(plan.nextChangeAfter(2.5), 3.0);
    EXPECT_EQ(plan.availabilityAt(3.0), Availability::Dead);
    EXPECT_EQ(plan.availabilityAt(4.5), Availability::Dead);
    EXPECT_LT(plan.nextChangeAfter(3.5), 0);
}

TEST(FaultPlan, FailRateIsRoughlyTheFractionAndSeeded) {
    FaultSettings settings;
    settings.failRate = 0.25;
    FaultPlan a(settings, 9), b(settings, 9);
    int failures = 0;
    for (int i = 0; i < 4000; ++i) {
        const bool fails = a.nextRequestFails();
        EXPECT_EQ(fails, b.nextRequestFails());
        failures += fails;
    }
    EXPECT_GT(failures, 800);
    EXPECT_LT(failures, 1200);
}
