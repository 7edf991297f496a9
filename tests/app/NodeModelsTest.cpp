#include "QtPrinters.h"
#include "TestData.h"
#include "fleet/MetricText.h"
#include "models/MetricsTableModel.h"
#include "models/NodeFilterModel.h"
#include "models/NodeListReader.h"
#include "models/NodeTreeModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace lmcf;

namespace {
FleetNodeList fixtureNodes() {
    auto list = NodeListReader::read(test::readData(QStringLiteral("app/nodes.json")));
    EXPECT_TRUE(list.ok()) << list.error().toStdString();
    return list.ok() ? list.value() : FleetNodeList{};
}
} // namespace

TEST(NodeListReader, ReadsSpecShapeWithDaemonFields) {
    const FleetNodeList list = fixtureNodes();
    EXPECT_EQ(list.index, 42);
    ASSERT_EQ(list.proxies.size(), 3);
    const FleetNode &child = list.proxies[0].children[0];
    EXPECT_EQ(child.name, QStringLiteral("gpu-a-0"));
    EXPECT_EQ(child.port, 8085); // "8085" as a string
    EXPECT_EQ(child.state, QStringLiteral("alive"));
    EXPECT_EQ(child.version, QStringLiteral("0.3.9"));
    EXPECT_EQ(list.proxies[0].children[1].proxyId, QStringLiteral("proxy_10.0.0.5_8000"));
    EXPECT_EQ(list.proxies[2].address(), QStringLiteral("[fd00::7]:8085"));
    EXPECT_FALSE(child.lastHeartbeat.isEmpty());
    // Leaves: two children, then each childless proxy is its own leaf.
    EXPECT_EQ(list.leaves().size(), 4);
}

TEST(NodeListReader, RejectsBadDocumentsWithAPlace) {
    EXPECT_FALSE(NodeListReader::read(QByteArray("[]")).ok());
    EXPECT_FALSE(NodeListReader::read(QByteArray("{nope")).ok());
    const auto missing = NodeListReader::read(
        QByteArray(R"({"nodes":[{"name":"a","host":"h","port":1},{"host":"x"}]})"));
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.error().startsWith(QStringLiteral("nodes[1]")))
        << missing.error().toStdString();
    const auto original = NodeListReader::read(QByteArray(R"({"nodes":[]})"));
    ASSERT_TRUE(original.ok());
    EXPECT_EQ(original->index, -1); // the original dashboard has no change feed
}

TEST(NodeTreeModel, PassesModelTesterThroughUpdates) {
    NodeTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    FleetNodeList list = fixtureNodes();
    model.setNodes(list);
    EXPECT_EQ(model.rowCount(), 3);
    const QModelIndex proxy = model.index(0, 0);
    EXPECT_EQ(model.rowCount(proxy), 2);
    EXPECT_EQ(model.index(1, 0, proxy).data(NodeTreeModel::NodeNameRole).toString(),
              QStringLiteral("gpu-a-1"));
    EXPECT_EQ(model.index(1, 1, proxy).data().toString(), QStringLiteral("suspect"));
    EXPECT_FALSE(proxy.data(NodeTreeModel::OpensPagesRole).toBool());
    EXPECT_TRUE(model.index(1, 0).data(NodeTreeModel::OpensPagesRole).toBool());

    // Same shape, new state: no reset, a dataChanged.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    list.proxies[0].children[1].state = QStringLiteral("down");
    model.setNodes(list);
    EXPECT_EQ(resets.count(), 0);
    EXPECT_GT(changes.count(), 0);
    EXPECT_EQ(model.index(1, 1, proxy).data().toString(), QStringLiteral("down"));

    // A node joins: structure changes.
    list.proxies[0].children.append(list.proxies[0].children[0]);
    list.proxies[0].children.last().name = QStringLiteral("gpu-a-2");
    model.setNodes(list);
    EXPECT_EQ(resets.count(), 1);
    EXPECT_TRUE(model.indexOfName(QStringLiteral("gpu-a-2")).isValid());
    model.setNodes({});
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(NodeFilterModel, KeepsParentsOfMatches) {
    NodeTreeModel model;
    model.setNodes(fixtureNodes());
    NodeFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    filter.setFilterFixedString(QStringLiteral("A-1"));
    ASSERT_EQ(filter.rowCount(), 1);
    const QModelIndex proxy = filter.index(0, 0);
    ASSERT_EQ(filter.rowCount(proxy), 1);
    EXPECT_EQ(filter.index(0, 0, proxy).data().toString(), QStringLiteral("gpu-a-1"));
}

TEST(MetricsTableModel, ShowsSamplesAndKeepsRowsOnValueUpdates) {
    MetricsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto parsed = MetricText::parse(test::readData(QStringLiteral("app/metrics-vllm.txt")));
    EXPECT_EQ(parsed.skippedLines, 0);
    model.setSamples(parsed.samples);
    ASSERT_EQ(model.rowCount(), 13);
    EXPECT_EQ(model.index(0, MetricsTableModel::Name).data().toString(),
              QStringLiteral("lmcache:num_lookup_requested_tokens"));
    EXPECT_EQ(model.index(0, MetricsTableModel::Type).data().toString(), QStringLiteral("counter"));
    EXPECT_EQ(model.index(0, MetricsTableModel::Value).data().toString(), QStringLiteral("120000"));
    EXPECT_TRUE(model.index(0, MetricsTableModel::Labels)
                    .data()
                    .toString()
                    .contains(QStringLiteral("worker_id=\"0\"")));
    EXPECT_EQ(model.index(10, MetricsTableModel::Type).data().toString(),
              QStringLiteral("histogram")); // _bucket sample of a histogram family
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    auto next = parsed.samples;
    next[0].value = 130000;
    model.setSamples(next);
    EXPECT_EQ(resets.count(), 0);
    EXPECT_EQ(model.index(0, MetricsTableModel::Value).data().toString(), QStringLiteral("130000"));
}

TEST(MetricText, ReadsEscapesSpecialValuesAndSkipsBadLines) {
    const auto parsed = MetricText::parse("a{x=\"q\\\"uote\",y=\"b\\\\s\"} 1.5\nb +Inf\nc "
                                          "NaN\nbroken{x=\"open 1\nd 2 1700000000000\n");
    ASSERT_EQ(parsed.samples.size(), 4);
    EXPECT_EQ(parsed.samples[0].label(QStringLiteral("x")), QStringLiteral("q\"uote"));
    EXPECT_EQ(parsed.samples[0].label(QStringLiteral("y")), QStringLiteral("b\\s"));
    EXPECT_TRUE(qIsInf(parsed.samples[1].value));
    EXPECT_TRUE(qIsNaN(parsed.samples[2].value));
    EXPECT_EQ(parsed.samples[3].value, 2.0);
    EXPECT_EQ(parsed.skippedLines, 1);
}
