#include "MainWindow.h"

#include "DaemonWindows.h"
#include "FixtureDaemon.h"
#include "NodeJumpDialog.h"
#include "QtPrinters.h"
#include "WaitUntil.h"
#include "models/FleetTableModel.h"
#include "models/NodeTreeModel.h"
#include "pages/ClearCachePage.h"
#include "pages/NodeView.h"

#include <QLineEdit>
#include <QPointer>
#include <QStandardPaths>
#include <QTreeView>

#include <gtest/gtest.h>

using namespace lmcf;

namespace {

class MainWindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        QStandardPaths::setTestModeEnabled(true);
        ASSERT_TRUE(daemon.start());
    }
    ConnectionSettings settings(const QString &token = {}) const {
        ConnectionSettings s;
        s.daemon = daemon.url();
        s.token = token;
        return s;
    }
    test::FixtureDaemon daemon;
};

//! The fleet table's health text for `node` (empty while the table lacks it).
QString healthOf(const MainWindow &window, const QString &node) {
    const FleetTableModel *model = window.fleetModel();
    const int row = model->rowOfName(node);
    return row < 0 ? QString() : model->index(row, FleetTableModel::Health).data().toString();
}

} // namespace

TEST_F(MainWindowTest, NodesAppearInTheTreeWithinTwoSeconds) {
    MainWindow window;
    window.show();
    window.connectTo(settings());
    ASSERT_TRUE(test::waitUntil([&] { return window.treeModel()->rowCount() == 3; }, 2000));
    EXPECT_EQ(window.fleetModel()->rowCount(), 4);
    EXPECT_TRUE(window.connectionText().contains(QStringLiteral("Connected")))
        << window.connectionText().toStdString();
    // The filter keeps matches and their parents.
    window.treeFilter()->setText(QStringLiteral("a-1"));
    EXPECT_EQ(window.tree()->model()->rowCount(), 1);
}

TEST_F(MainWindowTest, FleetTableFillsWithLiveFigures) {
    MainWindow window;
    window.connection()->setRefreshIntervalMs(250);
    window.connectTo(settings());
    FleetTableModel *model = window.fleetModel();
    ASSERT_TRUE(test::waitUntil(
        [&] {
            const int row = model->rowOfName(QStringLiteral("gpu-a-0"));
            return row >= 0 &&
                   model->index(row, FleetTableModel::HitRate).data().toString() !=
                       QStringLiteral("–") &&
                   model->index(row, FleetTableModel::L1Usage)
                       .data(FleetTableModel::L1RatioRole)
                       .isValid();
        },
        8000));
    const int row = model->rowOfName(QStringLiteral("gpu-a-0"));
    EXPECT_TRUE(model->index(row, FleetTableModel::HitRate)
                    .data()
                    .toString()
                    .endsWith(QStringLiteral("%")));
    EXPECT_GT(
        model->index(row, FleetTableModel::L1Usage).data(FleetTableModel::L1RatioRole).toDouble(),
        0.8);
}

TEST_F(MainWindowTest, NodeTheDaemonCannotReachIsShownDown) {
    MainWindow window;
    window.connection()->setRefreshIntervalMs(250);
    window.connectTo(settings());
    FleetTableModel *model = window.fleetModel();
    const auto health = [&] { return healthOf(window, QStringLiteral("gpu-a-0")); };
    ASSERT_TRUE(test::waitUntil([&] { return health() == QStringLiteral("alive"); }, 3000));
    daemon.setUnreachable(QStringLiteral("gpu-a-0"));
    ASSERT_TRUE(test::waitUntil([&] { return health() == QStringLiteral("down"); }, 3000))
        << health().toStdString();
    EXPECT_EQ(window.treeModel()
                  ->indexOfName(QStringLiteral("gpu-a-0"))
                  .data(NodeTreeModel::StateRole)
                  .toString(),
              QStringLiteral("down"));
    // Its last figures are stale: the table shows none.
    EXPECT_TRUE(test::waitUntil(
        [&] {
            const int row = model->rowOfName(QStringLiteral("gpu-a-0"));
            return model->index(row, FleetTableModel::HitRate).data().toString() ==
                   QStringLiteral("–");
        },
        2000));
    // The registry's own state shows through for the nodes the daemon still reaches.
    const int other = model->rowOfName(QStringLiteral("gpu-a-1"));
    EXPECT_EQ(model->index(other, FleetTableModel::Health).data().toString(),
              QStringLiteral("suspect"));
}

TEST_F(MainWindowTest, MissingTokenIsExplained) {
    daemon.setTokens(QStringLiteral("op-token"), QStringLiteral("view-token"));
    MainWindow window;
    window.connectTo(settings());
    ASSERT_TRUE(test::waitUntil(
        [&] { return window.connectionText().contains(QStringLiteral("needs a token")); }, 3000))
        << window.connectionText().toStdString();
}

TEST_F(MainWindowTest, UnreachableDaemonIsExplained) {
    MainWindow window;
    ConnectionSettings s;
    s.daemon = QUrl(QStringLiteral("http://127.0.0.1:1"));
    window.connectTo(s);
    ASSERT_TRUE(test::waitUntil(
        [&] { return window.connectionText().contains(QStringLiteral("Cannot reach")); }, 5000))
        << window.connectionText().toStdString();
}

TEST_F(MainWindowTest, ClearCacheAsksNamingTheNodeAndReachesIt) {
    MainWindow window;
    window.connectTo(settings());
    ASSERT_TRUE(test::waitUntil([&] { return window.treeModel()->rowCount() == 3; }, 2000));
    ASSERT_TRUE(window.openNode(QStringLiteral("gpu-a-0")));
    ClearCachePage *page = window.nodeView()->clearCachePage();
    QString asked;
    page->setConfirmation([&](const QString &node) {
        asked = node;
        return false; // the operator says no
    });
    page->requestClear();
    EXPECT_EQ(asked, QStringLiteral("gpu-a-0"));
    test::processEventsFor(300);
    EXPECT_TRUE(daemon.clearedNodes().isEmpty());

    page->setConfirmation([](const QString &) { return true; });
    page->requestClear();
    ASSERT_TRUE(test::waitUntil([&] { return !daemon.clearedNodes().isEmpty(); }, 3000));
    EXPECT_EQ(daemon.clearedNodes(), QStringList{QStringLiteral("gpu-a-0")});
    ASSERT_TRUE(test::waitUntil(
        [&] { return page->resultText().contains(QStringLiteral("Cleared the cache of gpu-a-0")); },
        3000))
        << page->resultText().toStdString();
}

TEST_F(MainWindowTest, ViewerTokenCannotClear) {
    daemon.setTokens(QStringLiteral("op-token"), QStringLiteral("view-token"));
    MainWindow window;
    window.connectTo(settings(QStringLiteral("view-token")));
    ASSERT_TRUE(test::waitUntil([&] { return window.treeModel()->rowCount() == 3; }, 2000));
    ASSERT_TRUE(window.openNode(QStringLiteral("gpu-a-0")));
    ClearCachePage *page = window.nodeView()->clearCachePage();
    page->setConfirmation([](const QString &) { return true; });
    page->requestClear();
    ASSERT_TRUE(test::waitUntil(
        [&] { return page->resultText().contains(QStringLiteral("viewer token")); }, 3000))
        << page->resultText().toStdString();
    EXPECT_TRUE(daemon.clearedNodes().isEmpty());
    EXPECT_TRUE(window.connection()->isViewer());
    EXPECT_TRUE(window.connectionText().contains(QStringLiteral("viewer token")));
}

TEST_F(MainWindowTest, SeveralDaemonsEachInAWindowOfTheirOwn) {
    test::FixtureDaemon second;
    ASSERT_TRUE(second.start());
    ConnectionSettings other = settings();
    other.daemon = second.url();
    second.setUnreachable(QStringLiteral("gpu-a-0"));

    QPointer<MainWindow> a = DaemonWindows::open(settings(), 250);
    QPointer<MainWindow> b = DaemonWindows::open(other, 250);
    ASSERT_NE(a, b);
    EXPECT_EQ(DaemonWindows::all(), (QList<MainWindow *>{a, b}));
    EXPECT_TRUE(a->windowTitle().endsWith(daemon.url().authority()))
        << a->windowTitle().toStdString();
    EXPECT_TRUE(b->windowTitle().endsWith(second.url().authority()));
    ASSERT_TRUE(test::waitUntil(
        [&] { return a->treeModel()->rowCount() == 3 && b->treeModel()->rowCount() == 3; }, 3000));
    // Each window shows its own daemon's view.
    ASSERT_TRUE(test::waitUntil(
        [&] { return healthOf(*b, QStringLiteral("gpu-a-0")) == QStringLiteral("down"); }, 3000));
    EXPECT_EQ(healthOf(*a, QStringLiteral("gpu-a-0")), QStringLiteral("alive"));
    // Both keep refreshing (one window's work never starves the other's).
    const int aBefore = a->connection()->scrapeCount();
    const int bBefore = b->connection()->scrapeCount();
    EXPECT_TRUE(test::waitUntil(
        [&] {
            return a->connection()->scrapeCount() >= aBefore + 3 &&
                   b->connection()->scrapeCount() >= bBefore + 3;
        },
        5000))
        << a->connection()->scrapeCount() - aBefore << " / "
        << b->connection()->scrapeCount() - bBefore;

    // Opening a daemon that already has a window raises that window.
    EXPECT_EQ(DaemonWindows::open(other, 250), b);
    EXPECT_EQ(DaemonWindows::all().size(), 2);

    a->close();
    b->close();
    ASSERT_TRUE(test::waitUntil([&] { return a.isNull() && b.isNull(); }, 2000));
    EXPECT_TRUE(DaemonWindows::all().isEmpty());
}

TEST(NodeJumpDialog, EnterPicksTheFirstMatch) {
    NodeJumpDialog dialog({QStringLiteral("gpu-a-0"), QStringLiteral("gpu-a-1"),
                           QStringLiteral("proxy_10.0.0.6_8085")});
    dialog.setSearchText(QStringLiteral("A-1"));
    dialog.accept();
    EXPECT_EQ(dialog.result(), QDialog::Accepted);
    EXPECT_EQ(dialog.chosen(), QStringLiteral("gpu-a-1"));
}
