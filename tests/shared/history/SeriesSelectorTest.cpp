#include "history/SeriesSelector.h"

#include "QtPrinters.h"

#include <gtest/gtest.h>

using namespace lmcf;

namespace {
const SeriesLabels kLabels = {{"node", "n1"}, {"model_name", "llama"}, {"worker_id", "0"}};
}

TEST(SeriesSelector, PlainNameMatchesOnlyThatMetric) {
    const auto s = SeriesSelector::parse("lmcache:num_hit_tokens");
    ASSERT_TRUE(s.ok()) << s.error().toStdString();
    EXPECT_EQ(s->metricName(), QByteArray("lmcache:num_hit_tokens"));
    EXPECT_TRUE(s->matches("lmcache:num_hit_tokens", kLabels));
    EXPECT_FALSE(s->matches("lmcache:other", kLabels));
}

TEST(SeriesSelector, EveryMatcherOperator) {
    const auto s =
        SeriesSelector::parse(R"(m{node="n1", model_name=~"ll.*", worker_id!="1", zone!~".+"})");
    ASSERT_TRUE(s.ok()) << s.error().toStdString();
    EXPECT_TRUE(s->matches("m", kLabels));
    EXPECT_FALSE(s->matches("m", {{"node", "n2"}, {"model_name", "llama"}}));
    EXPECT_FALSE(s->matches("m", {{"node", "n1"}, {"model_name", "xllama"}})); // anchored
    EXPECT_FALSE(s->matches("m", {{"node", "n1"}, {"model_name", "llama"}, {"zone", "a"}}));
}

TEST(SeriesSelector, NameMatcherInBraces) {
    const auto exact = SeriesSelector::parse(R"({__name__="up",node="n1"})");
    ASSERT_TRUE(exact.ok());
    EXPECT_EQ(exact->metricName(), QByteArray("up"));
    const auto regex = SeriesSelector::parse(R"({__name__=~"lmcache_mp_.*"})");
    ASSERT_TRUE(regex.ok());
    EXPECT_TRUE(regex->matches("lmcache_mp_l1_read_keys_total", {}));
    EXPECT_FALSE(regex->matches("lmcache:x", {}));
}

TEST(SeriesSelector, RefusesWhatItCannotAnswer) {
    const std::pair<const char *, const char *> cases[] = {
        {"rate(m[5m])", "functions"}, {"m[5m]", "range"},          {"", "empty"},
        {"m{node=n1}", "quoted"},     {"m{node=\"n1\"", "closed"}, {"m{=\"x\"}", "label name"},
        {"m{a=~\"(\"}", "regular"},   {"m + m", "unexpected"}};
    for (const auto &[text, why] : cases) {
        const auto s = SeriesSelector::parse(text);
        ASSERT_FALSE(s.ok()) << text;
        EXPECT_TRUE(s.error().contains(QString::fromUtf8(why))) << s.error().toStdString();
    }
}
