#include "prometheus/MetricsMerger.h"

#include "QtPrinters.h"
#include "TestData.h"
#include "prometheus/ExpositionParser.h"

#include <gtest/gtest.h>

using namespace lmcf;

namespace {

Exposition parsed(QByteArrayView text) {
    auto outcome = ExpositionParser::parse(text);
    EXPECT_TRUE(outcome.ok()) << outcome.error().toStdString();
    return outcome.ok() ? std::move(outcome).value() : Exposition();
}

NodeExposition node(const char *name, QByteArrayView text) {
    return {QString::fromUtf8(name), parsed(text)};
}

} // namespace

TEST(MetricsMerger, LabelsEverySampleWithItsNodeFirst) {
    const MergeResult r = MetricsMerger::merge(
        {node("a", "# HELP up Up.\n# TYPE up gauge\nup{job=\"x\"} 1\n"), node("b", "up 0\n")});
    EXPECT_TRUE(r.problems.isEmpty());
    EXPECT_EQ(r.text,
              "# HELP up Up.\n# TYPE up gauge\nup{node=\"a\",job=\"x\"} 1\nup{node=\"b\"} 0\n");
    EXPECT_EQ(r.sampleCount, 2);
}

TEST(MetricsMerger, RenamesAnInputNodeLabel) {
    const MergeResult r = MetricsMerger::merge(
        {node("n\"1", "m{node=\"inner\"} 1\nk{node=\"i\",exported_node=\"e\"} 2\n")});
    EXPECT_EQ(r.text, "# TYPE m untyped\nm{node=\"n\\\"1\",exported_node=\"inner\"} 1\n"
                      "# TYPE k untyped\n"
                      "k{node=\"n\\\"1\",exported_exported_node=\"i\",exported_node=\"e\"} 2\n");
}

TEST(MetricsMerger, ProcessesBehindANodeProxyAlsoCarryTheProxy) {
    NodeExposition worker = node("inst_worker0", "# TYPE c counter\nc_total{worker_id=\"0\"} 1\n"
                                                 "g{proxy=\"theirs\"} 2\n");
    worker.proxy = QStringLiteral("proxy_10.0.0.5_8000");
    const MergeResult r = MetricsMerger::merge(
        {worker, node("mp", "# TYPE c counter\nc_total 3\ng{proxy=\"kept\"} 4\n")});
    EXPECT_EQ(r.text,
              "# TYPE c_total counter\n"
              "c_total{node=\"inst_worker0\",proxy=\"proxy_10.0.0.5_8000\",worker_id=\"0\"} 1\n"
              "c_total{node=\"mp\"} 3\n"
              "# TYPE g untyped\n"
              "g{node=\"inst_worker0\",proxy=\"proxy_10.0.0.5_8000\",exported_proxy=\"theirs\"} 2\n"
              "g{node=\"mp\",proxy=\"kept\"} 4\n");
}

TEST(MetricsMerger, KeepsFamiliesContiguousWithOneHeader) {
    const MergeResult r = MetricsMerger::merge(
        {node("a", "# TYPE x gauge\nx 1\n# TYPE y gauge\ny 2\n"),
         node("b",
              "# TYPE y gauge\ny 3\n# TYPE z gauge\nz 4\n# HELP x X help\n# TYPE x gauge\nx 5\n")});
    EXPECT_EQ(r.text, "# HELP x X help\n# TYPE x gauge\nx{node=\"a\"} 1\nx{node=\"b\"} 5\n"
                      "# TYPE y gauge\ny{node=\"a\"} 2\ny{node=\"b\"} 3\n"
                      "# TYPE z gauge\nz{node=\"b\"} 4\n");
    EXPECT_EQ(r.text.count("# TYPE x "), 1);
}

TEST(MetricsMerger, ResolvesTypeConflictsByMajorityAndReportsThem) {
    const MergeResult r = MetricsMerger::merge(
        {node("a", "# TYPE m gauge\nm 1\n"), node("b", "# TYPE m counter\nm 2\n"),
         node("c", "# TYPE m counter\nm 3\n"),
         node("d", "# TYPE m histogram\nm_bucket{le=\"+Inf\"} 1\nm_sum 1\nm_count 1\n")});
    EXPECT_EQ(r.text, "# TYPE m counter\nm{node=\"a\"} 1\nm{node=\"b\"} 2\nm{node=\"c\"} 3\n");
    ASSERT_EQ(r.problems.size(), 2);
    EXPECT_EQ(r.problems[0].node, QStringLiteral("a"));
    EXPECT_EQ(r.problems[0].family, "m");
    EXPECT_EQ(r.problems[0].what,
              QStringLiteral(
                  "TYPE gauge differs from counter (chosen by majority); 0 sample(s) dropped"));
    EXPECT_EQ(r.problems[1].node, QStringLiteral("d"));
    EXPECT_TRUE(r.problems[1].what.endsWith(QStringLiteral("3 sample(s) dropped")));
}

TEST(MetricsMerger, BreaksTypeTiesByNodeOrder) {
    const MergeResult r = MetricsMerger::merge(
        {node("a", "# TYPE m summary\nm_sum 1\nm_count 2\n"), node("b", "# TYPE m gauge\nm 3\n")});
    EXPECT_EQ(r.text, "# TYPE m summary\nm_sum{node=\"a\"} 1\nm_count{node=\"a\"} 2\n");
    ASSERT_EQ(r.problems.size(), 1);
    EXPECT_EQ(r.problems[0].node, QStringLiteral("b"));
}

TEST(MetricsMerger, SkipsABrokenNodeAndKeepsTheOthers) {
    const MergeResult r = MetricsMerger::mergeText(
        {{QStringLiteral("good"), "up 1\n", {}},
         {QStringLiteral("bad"), "up 1\nup{x=\"oops} 2\n", {}},
         {QStringLiteral("om"), "# TYPE c counter\nc_total 5 1700000000\n# EOF\n",
          "application/openmetrics-text; version=1.0.0"}});
    EXPECT_EQ(r.text, "# TYPE up untyped\nup{node=\"good\"} 1\n"
                      "# TYPE c_total counter\nc_total{node=\"om\"} 5 1700000000000\n");
    ASSERT_EQ(r.problems.size(), 1);
    EXPECT_EQ(r.problems[0].node, QStringLiteral("bad"));
    EXPECT_TRUE(r.problems[0].family.isEmpty());
    EXPECT_EQ(r.problems[0].what, QStringLiteral("not merged: line 2: label value not closed"));
}

TEST(MetricsMerger, AppendsExtraFamiliesAndRefusesNameClashes) {
    Exposition extra;
    extra.families.append(MetricFamily{"lmcache_fleet_node_up",
                                       MetricType::Gauge,
                                       "Node up.",
                                       {},
                                       {Sample{"lmcache_fleet_node_up", "node=\"a\"", 1, {}}}});
    extra.families.append(MetricFamily{"up", MetricType::Gauge, {}, {}, {}});
    const MergeResult r = MetricsMerger::merge({node("a", "up 1\n")}, extra);
    EXPECT_EQ(r.text, "# TYPE up untyped\nup{node=\"a\"} 1\n# HELP lmcache_fleet_node_up Node up.\n"
                      "# TYPE lmcache_fleet_node_up gauge\nlmcache_fleet_node_up{node=\"a\"} 1\n");
    ASSERT_EQ(r.problems.size(), 1);
    EXPECT_EQ(r.problems[0].family, "up");
}

TEST(MetricsMerger, OpenMetricsAndTextNodesShareCounterFamilies) {
    const MergeResult r = MetricsMerger::mergeText(
        {{QStringLiteral("text"), test::readData(QStringLiteral("metrics/mp-node.prom")), {}},
         {QStringLiteral("om"),
          test::readData(QStringLiteral("metrics/mp-node.openmetrics.txt")),
          {}}});
    EXPECT_TRUE(r.problems.isEmpty());
    EXPECT_EQ(r.text.count("# TYPE lmcache_mp_sm_read_requests_total counter\n"), 1);
    EXPECT_EQ(r.text.count("lmcache_mp_sm_read_requests_total{node="), 2);
    const auto back = ExpositionParser::parse(r.text);
    ASSERT_TRUE(back.ok()) << back.error().toStdString();
    EXPECT_EQ(back->sampleCount(), r.sampleCount);
}

TEST(MetricsMerger, MergesNothingToNothing) {
    const MergeResult r = MetricsMerger::merge({});
    EXPECT_TRUE(r.text.isEmpty());
    EXPECT_TRUE(r.problems.isEmpty());
}

TEST(MetricsMerger, UntypedYieldsToADeclaredType) {
    const MergeResult r = MetricsMerger::merge(
        {node("a", "m 1\n"), node("b", "m 2\n"), node("c", "# TYPE m counter\nm 3\n")});
    EXPECT_EQ(r.text, "# TYPE m counter\nm{node=\"a\"} 1\nm{node=\"b\"} 2\nm{node=\"c\"} 3\n");
    EXPECT_TRUE(r.problems.isEmpty());
}
