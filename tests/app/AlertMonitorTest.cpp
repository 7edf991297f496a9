#include "alerts/AlertMonitor.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSettings>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace lmcf;

namespace {
FleetNode node(const QString &name, const QString &state) {
    FleetNode n;
    n.name = name;
    n.state = state;
    return n;
}
} // namespace

TEST(AlertMonitor, FiresOnceWhileAConditionHoldsAndClearsAfter) {
    AlertModel history;
    QAbstractItemModelTester tester(&history,
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    AlertMonitor monitor(&history);
    QSignalSpy fired(&monitor, &AlertMonitor::fired);
    const QDateTime now = QDateTime::currentDateTime();
    NodeStats full;
    full.l1UsedBytes = 95;
    full.l1TotalBytes = 100;
    full.hitRate = 0.05;
    monitor.evaluate({node(QStringLiteral("a"), QStringLiteral("down")),
                      node(QStringLiteral("b"), QStringLiteral("alive"))},
                     {{QStringLiteral("b"), full}}, now);
    EXPECT_EQ(fired.count(), 3); // a down; b hit rate low; b L1 full
    monitor.evaluate({node(QStringLiteral("a"), QStringLiteral("down")),
                      node(QStringLiteral("b"), QStringLiteral("alive"))},
                     {{QStringLiteral("b"), full}}, now);
    EXPECT_EQ(fired.count(), 3);
    monitor.evaluate({node(QStringLiteral("a"), QStringLiteral("alive")),
                      node(QStringLiteral("b"), QStringLiteral("alive"))},
                     {}, now);
    EXPECT_EQ(fired.count(), 3);
    EXPECT_EQ(history.rowCount(), 6); // three fired, three cleared
    EXPECT_TRUE(history.events().first().cleared);
    EXPECT_TRUE(monitor.active().isEmpty());
}

TEST(AlertMonitor, ThresholdsAreEditableAndPersist) {
    AlertModel history;
    AlertMonitor monitor(&history);
    AlertThresholds thresholds;
    thresholds.hitRateBelow = 0.5;
    thresholds.nodeDown = false;
    monitor.setThresholds(thresholds);
    NodeStats s;
    s.hitRate = 0.4;
    monitor.evaluate({node(QStringLiteral("a"), QStringLiteral("down"))},
                     {{QStringLiteral("a"), s}}, QDateTime::currentDateTime());
    ASSERT_EQ(history.rowCount(), 1);
    EXPECT_EQ(history.events().first().rule, QStringLiteral("hit rate low"));

    QSettings settings(QDir::temp().filePath(QStringLiteral("lmcf-alerts-test.ini")),
                       QSettings::IniFormat);
    thresholds.save(settings);
    EXPECT_EQ(AlertThresholds::load(settings), thresholds);
    settings.clear();
}

TEST(AlertModel, CapsHistory) {
    AlertModel history(nullptr, 3);
    QAbstractItemModelTester tester(&history,
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    for (int i = 0; i < 5; ++i)
        history.add({QDateTime::currentDateTime(),
                     QString::number(i),
                     QStringLiteral("node down"),
                     {},
                     false});
    EXPECT_EQ(history.rowCount(), 3);
    EXPECT_EQ(history.index(0, AlertModel::Node).data().toString(), QStringLiteral("4"));
}
