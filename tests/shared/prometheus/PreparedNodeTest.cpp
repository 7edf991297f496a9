#include "prometheus/PreparedNode.h"

#include "QtPrinters.h"
#include "TestData.h"
#include "prometheus/ExpositionParser.h"
#include "prometheus/MetricsMerger.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace lmcf;

namespace {

NodeExposition node(const QString &name, QByteArrayView text, const QString &proxy = {}) {
    auto outcome = ExpositionParser::parse(text);
    EXPECT_TRUE(outcome.ok()) << outcome.error().toStdString();
    return {name, outcome.ok() ? std::move(outcome).value() : Exposition(), proxy};
}

QList<std::shared_ptr<const PreparedNode>> prepared(const QList<NodeExposition> &nodes) {
    QList<std::shared_ptr<const PreparedNode>> result;
    for (const NodeExposition &n : nodes)
        result.append(std::make_shared<const PreparedNode>(PreparedNode::prepare(n)));
    return result;
}

void expectSameMerge(const QList<NodeExposition> &nodes, const Exposition &extra = {}) {
    const MergeResult direct = MetricsMerger::merge(nodes, extra);
    const MergeResult viaPrepared = MetricsMerger::mergePrepared(prepared(nodes), extra);
    EXPECT_EQ(viaPrepared.text, direct.text);
    EXPECT_EQ(viaPrepared.sampleCount, direct.sampleCount);
    ASSERT_EQ(viaPrepared.problems.size(), direct.problems.size());
    for (qsizetype i = 0; i < direct.problems.size(); ++i) {
        EXPECT_EQ(viaPrepared.problems[i].node, direct.problems[i].node);
        EXPECT_EQ(viaPrepared.problems[i].family, direct.problems[i].family);
        EXPECT_EQ(viaPrepared.problems[i].what, direct.problems[i].what);
    }
}

} // namespace

TEST(PreparedNode, WritesEveryLineWithTheNodeAndProxyLabelsFirst) {
    const PreparedNode p = PreparedNode::prepare(
        node(QStringLiteral("w\"0"),
             "# HELP c Calls.\n# TYPE c counter\nc_total{node=\"in\",x=\"1\"} 3 1700\nc_total 4\n",
             QStringLiteral("px")));
    ASSERT_EQ(p.families.size(), 1);
    const PreparedFamily &f = p.families.front();
    EXPECT_EQ(f.name, "c_total");
    EXPECT_EQ(f.type, MetricType::Counter);
    EXPECT_EQ(f.help, "Calls.");
    EXPECT_EQ(f.sampleCount, 2);
    EXPECT_EQ(f.lines, "c_total{node=\"w\\\"0\",proxy=\"px\",exported_node=\"in\",x=\"1\"} 3 1700\n"
                       "c_total{node=\"w\\\"0\",proxy=\"px\"} 4\n");
    EXPECT_EQ(p.textBytes(), f.lines.size() + f.fitsTypes.size() + f.help.size());
}

TEST(PreparedNode, KnowsWhichTypesEachSampleFits) {
    const PreparedNode p = PreparedNode::prepare(node(
        QStringLiteral("n"), "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\n"
                             "h_sum 3\nh_count 2\n"
                             "# TYPE s summary\ns{quantile=\"0.5\"} 1\ns_sum 1\ns_count 1\n"));
    ASSERT_EQ(p.families.size(), 2);
    const PreparedFamily &h = p.families[0];
    EXPECT_TRUE(h.fits(0, MetricType::Histogram));
    EXPECT_FALSE(h.fits(0, MetricType::Summary));
    EXPECT_FALSE(h.fits(0, MetricType::Gauge));
    EXPECT_TRUE(h.fits(2, MetricType::Summary)); // h_sum
    EXPECT_TRUE(h.fits(3, MetricType::Histogram));
    const PreparedFamily &s = p.families[1];
    EXPECT_TRUE(s.fits(0, MetricType::Summary));
    EXPECT_TRUE(s.fits(0, MetricType::Gauge));
    EXPECT_FALSE(s.fits(0, MetricType::Histogram));
    EXPECT_FALSE(s.fits(1, MetricType::Gauge)); // s_sum under gauge `s` does not fit
}

TEST(PreparedNode, MergeOfPreparedNodesEqualsTheDirectMerge) {
    const QByteArray vllm = test::readData(QStringLiteral("metrics/vllm-node.prom"));
    const QByteArray mp = test::readData(QStringLiteral("metrics/mp-node.prom"));
    ASSERT_FALSE(vllm.isEmpty());
    ASSERT_FALSE(mp.isEmpty());
    expectSameMerge({node(QStringLiteral("a"), vllm),
                     node(QStringLiteral("b"), mp, QStringLiteral("proxy_1")),
                     node(QStringLiteral("c"), vllm)});
}

TEST(PreparedNode, TypeConflictsResolveAsInTheDirectMerge) {
    Exposition extra;
    extra.families.append({"x", MetricType::Gauge, "taken", {}, {}});
    extra.families.append({"own", MetricType::Gauge, "Own.", {}, {}});
    expectSameMerge({node(QStringLiteral("a"), "# TYPE x counter\nx 1\n# TYPE y summary\n"
                                               "y{quantile=\"1\"} 2\ny_sum 3\ny_count 4\n"),
                     node(QStringLiteral("b"), "# TYPE x gauge\nx 2\n# TYPE y gauge\ny 5\n"),
                     node(QStringLiteral("c"), "# TYPE x gauge\nx{node=\"z\"} 3\n"
                                               "# TYPE y histogram\ny_bucket{le=\"1\"} 1\n"
                                               "y_sum 6\ny_count 1\n")},
                    extra);
}

TEST(PreparedNode, MergeLeavesOutUnwantedFamiliesAndNullNodes) {
    QList<std::shared_ptr<const PreparedNode>> nodes =
        prepared({node(QStringLiteral("a"), "# TYPE k counter\nk_total 1\n# TYPE g gauge\ng 2\n")});
    nodes.prepend(nullptr);
    const MergeResult r = MetricsMerger::mergePrepared(
        nodes, {}, [](const QByteArray &name, MetricType) { return name == "g"; });
    EXPECT_EQ(r.text, "# TYPE g gauge\ng{node=\"a\"} 2\n");
    EXPECT_EQ(r.sampleCount, 1);
}

TEST(PreparedNode, PiecesShareThePreparedLinesAndJoinToTheText) {
    const QList<std::shared_ptr<const PreparedNode>> nodes =
        prepared({node(QStringLiteral("a"), "# TYPE g gauge\ng 1\n"),
                  node(QStringLiteral("b"), "# TYPE g gauge\ng 2\n# TYPE c counter\nc_total 3\n")});
    Exposition extra;
    extra.families.append({"own", MetricType::Gauge, "Own.", {}, {}});
    const MergeResult whole = MetricsMerger::mergePrepared(nodes, extra);
    const MergeResult pieces = MetricsMerger::mergePreparedPieces(nodes, extra);
    EXPECT_TRUE(pieces.text.isEmpty());
    EXPECT_TRUE(whole.pieces.isEmpty());
    EXPECT_EQ(pieces.pieces.join(), whole.text);
    EXPECT_EQ(pieces.sampleCount, whole.sampleCount);
    for (const QByteArray &piece : pieces.pieces)
        EXPECT_FALSE(piece.isEmpty());
    // Node a's gauge lines are its prepared text itself, not a copy.
    const QByteArray &linesOfA = nodes.front()->families.front().lines;
    EXPECT_TRUE(std::any_of(pieces.pieces.begin(), pieces.pieces.end(), [&](const QByteArray &p) {
        return p.constData() == linesOfA.constData();
    }));
}
