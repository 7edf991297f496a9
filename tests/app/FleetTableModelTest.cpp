#include "models/FleetTableModel.h"

#include "QtPrinters.h"
#include "TestData.h"
#include "models/FleetFilterModel.h"
#include "models/NodeListReader.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace lmcf;

namespace {
QList<FleetNode> fixtureLeaves() {
    return NodeListReader::read(test::readData(QStringLiteral("app/nodes.json"))).value().leaves();
}
} // namespace

TEST(FleetTableModel, RowsColumnsAndVersionDrift) {
    FleetTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setNodes(fixtureLeaves());
    ASSERT_EQ(model.rowCount(), 4);
    EXPECT_EQ(model.commonVersion(), QStringLiteral("0.3.9"));
    const int drifted = model.rowOfName(QStringLiteral("proxy_10.0.0.6_8085"));
    ASSERT_GE(drifted, 0);
    EXPECT_TRUE(model.index(drifted, FleetTableModel::Version)
                    .data(FleetTableModel::VersionDriftRole)
                    .toBool());
    EXPECT_TRUE(model.index(drifted, FleetTableModel::Version)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("0.3.9")));
    EXPECT_FALSE(
        model.index(0, FleetTableModel::Version).data(FleetTableModel::VersionDriftRole).toBool());
    EXPECT_EQ(model.index(0, FleetTableModel::Address).data().toString(),
              QStringLiteral("10.0.0.5:8085"));
    EXPECT_EQ(model.index(0, FleetTableModel::HitRate).data().toString(), QStringLiteral("–"));
}

TEST(FleetTableModel, StatsUpdateCellsWithoutReset) {
    FleetTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setNodes(fixtureLeaves());
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    NodeStats stats;
    stats.hitRate = 0.75;
    stats.l1UsedBytes = 0.95 * 2147483648.0;
    stats.l1TotalBytes = 2147483648.0;
    stats.evictionsPerSecond = 1.5;
    stats.requestsPerSecond = 250;
    model.setStats({{QStringLiteral("gpu-a-0"), stats}});
    EXPECT_EQ(resets.count(), 0);
    EXPECT_EQ(model.index(0, FleetTableModel::HitRate).data().toString(), QStringLiteral("75.0 %"));
    EXPECT_NEAR(
        model.index(0, FleetTableModel::L1Usage).data(FleetTableModel::L1RatioRole).toDouble(),
        0.95, 1e-9);
    EXPECT_TRUE(model.index(0, FleetTableModel::L1Usage)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("95.0 %")));
    EXPECT_EQ(model.index(0, FleetTableModel::Evictions).data().toString(), QStringLiteral("1.5"));
    EXPECT_EQ(model.index(0, FleetTableModel::Requests).data().toString(), QStringLiteral("250"));
}

TEST(FleetFilterModel, FiltersAndSortsNumerically) {
    FleetTableModel model;
    model.setNodes(fixtureLeaves());
    NodeStats low;
    low.requestsPerSecond = 9;
    NodeStats high;
    high.requestsPerSecond = 100;
    model.setStats({{QStringLiteral("gpu-a-0"), high}, {QStringLiteral("gpu-a-1"), low}});
    FleetFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    filter.sort(FleetTableModel::Requests, Qt::DescendingOrder);
    EXPECT_EQ(filter.index(0, FleetTableModel::Name).data().toString(), QStringLiteral("gpu-a-0"));
    EXPECT_EQ(filter.index(1, FleetTableModel::Name).data().toString(), QStringLiteral("gpu-a-1"));
    filter.setSearchText(QStringLiteral("down"));
    ASSERT_EQ(filter.rowCount(), 1);
    EXPECT_EQ(filter.index(0, FleetTableModel::Name).data().toString(),
              QStringLiteral("proxy_fd00::7_8085"));
    filter.setSearchText(QStringLiteral("0.3.8"));
    EXPECT_EQ(filter.rowCount(), 1);
    filter.setSearchText({});
    EXPECT_EQ(filter.rowCount(), 4);
}
