// The app against the real daemon (lmcache-fleetd: registry, proxy, auth, aggregated /metrics)
// and real simulated nodes (lmcache-fleet-sim, with real lmcache-heartbeat agents where they
// join by heartbeat), all started here on loopback with ephemeral ports.
#include "MainWindow.h"
#include "ProgramUnderTest.h"
#include "QtPrinters.h"
#include "WaitUntil.h"
#include "charts/SeriesStore.h"
#include "fleet/FleetConnection.h"
#include "models/AlertModel.h"
#include "models/FleetTableModel.h"
#include "models/NodeTreeModel.h"
#include "net/DaemonClient.h"
#include "pages/ClearCachePage.h"
#include "pages/EnvironmentPage.h"
#include "pages/OverviewPage.h"

#include <QLabel>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;

namespace {

//! `lmcache-fleetd token add`: the printed token (last non-empty line of stdout).
QString addToken(const QString &authFile, const QString &role, const QString &name) {
    QProcess process;
    process.start(QStringLiteral(LMCF_FLEETD_PATH),
                  {QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--role"), role,
                   QStringLiteral("--name"), name, QStringLiteral("--auth-file"), authFile});
    process.waitForFinished(10000);
    const QStringList lines =
        QString::fromUtf8(process.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    return lines.isEmpty() ? QString() : lines.last().trimmed();
}

class DaemonEndToEndTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(sim.start(1, 15000)) << sim.errorText().toStdString();
        const QString authFile = directory.filePath(QStringLiteral("tokens"));
        operatorToken = addToken(authFile, QStringLiteral("operator"), QStringLiteral("op"));
        viewerToken = addToken(authFile, QStringLiteral("viewer"), QStringLiteral("view"));
        ASSERT_FALSE(operatorToken.isEmpty());
        ASSERT_FALSE(viewerToken.isEmpty());
        const QString nodes = QStringLiteral(R"([{"name":"sim-0","host":"127.0.0.1","port":%1}])")
                                  .arg(sim.url().port());
        daemon = std::make_unique<test::ProgramUnderTest>(
            QStringLiteral(LMCF_FLEETD_PATH),
            QStringList{QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                        QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--nodes"),
                        nodes, QStringLiteral("--auth-file"), authFile});
        ASSERT_TRUE(daemon->start(1, 15000)) << daemon->errorText().toStdString();
    }
    static bool settle(NodePage &page) {
        page.setNode(QStringLiteral("sim-0"));
        return test::waitUntil([&] { return page.isSettled(); }, 10000);
    }
    //! Every label's text on `page`, one a line.
    static QString labelTexts(const QWidget &page) {
        QStringList texts;
        for (const QLabel *label : page.findChildren<QLabel *>())
            texts << label->text();
        return texts.join(u'\n');
    }
    //! Asks `page` to clear sim-0's cache, confirmed; its result, or nothing within 10 s.
    static std::optional<bool> confirmedClear(ClearCachePage &page) {
        page.setNode(QStringLiteral("sim-0"), false);
        page.setConfirmation([](const QString &) { return true; });
        std::optional<bool> ok;
        QObject::connect(&page, &ClearCachePage::clearFinished, [&](bool result) { ok = result; });
        page.requestClear();
        test::waitUntil([&] { return ok.has_value(); }, 10000);
        return ok;
    }

    QTemporaryDir directory;
    test::ProgramUnderTest sim{QStringLiteral(LMCF_SIM_PATH),
                               {QStringLiteral("--nodes"), QStringLiteral("1"),
                                QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                                QStringLiteral("--base-port"), QStringLiteral("0")}};
    std::unique_ptr<test::ProgramUnderTest> daemon;
    QString operatorToken;
    QString viewerToken;
};

} // namespace

TEST_F(DaemonEndToEndTest, OverviewOfASimulatedNodeThroughTheProxy) {
    FleetConnection connection;
    connection.connectTo(daemon->url(), viewerToken);
    OverviewPage page(&connection);
    ASSERT_TRUE(settle(page));
    const QString texts = labelTexts(page);
    EXPECT_TRUE(texts.contains(QStringLiteral("healthy"))) << texts.toStdString();
}

TEST_F(DaemonEndToEndTest, OperatorClearsTheCacheOfASimulatedNode) {
    FleetConnection connection;
    connection.connectTo(daemon->url(), operatorToken);
    ClearCachePage page(&connection);
    const std::optional<bool> ok = confirmedClear(page);
    ASSERT_TRUE(ok.has_value());
    EXPECT_TRUE(*ok) << page.resultText().toStdString();
    EXPECT_TRUE(page.resultText().contains(QStringLiteral("Cleared the cache of sim-0")));
}

TEST_F(DaemonEndToEndTest, ViewerTokenCannotClearNorReadTheEnvironment) {
    FleetConnection connection;
    connection.connectTo(daemon->url(), viewerToken);
    ClearCachePage page(&connection);
    const std::optional<bool> ok = confirmedClear(page);
    ASSERT_TRUE(ok.has_value());
    EXPECT_FALSE(*ok);
    EXPECT_TRUE(page.resultText().contains(QStringLiteral("viewer token")))
        << page.resultText().toStdString();
    EXPECT_TRUE(connection.isViewer());
}

TEST_F(DaemonEndToEndTest, NoTokenIsExplained) {
    FleetConnection connection;
    connection.connectTo(daemon->url(), {});
    OverviewPage page(&connection);
    ASSERT_TRUE(settle(page));
    const QString texts = labelTexts(page);
    EXPECT_TRUE(texts.contains(QStringLiteral("needs a token"))) << texts.toStdString();
}

TEST_F(DaemonEndToEndTest, NodeAppearsInTheTreeWithinTwoSeconds) {
    MainWindow window;
    ConnectionSettings settings;
    settings.daemon = daemon->url();
    settings.token = viewerToken;
    window.connectTo(settings);
    const bool listed = test::waitUntil([&] { return window.treeModel()->rowCount() > 0; }, 2000);
    if (!listed && window.connection()->stateMessage().contains(QStringLiteral("404")))
        GTEST_SKIP() << "this daemon build has no /api/nodes yet";
    ASSERT_TRUE(listed) << window.connection()->stateMessage().toStdString();
    EXPECT_TRUE(window.treeModel()->indexOfName(QStringLiteral("sim-0")).isValid());
}

namespace {

//! The window connected to a real daemon that starts with no nodes; simulated nodes then join
//! through real lmcache-heartbeat agents (1 s interval), as on a cluster.
class FleetHealthEndToEndTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(daemon.start(1, 15000)) << daemon.errorText().toStdString();
        window.connection()->setRefreshIntervalMs(250);
        ConnectionSettings settings;
        settings.daemon = daemon.url();
        window.connectTo(settings);
        ASSERT_TRUE(test::waitUntil(
            [&] { return window.connection()->state() == FleetConnection::State::Connected; },
            10000))
            << window.connection()->stateMessage().toStdString();
    }
    //! Two simulated nodes heartbeating to the daemon, with `extra` arguments (faults, mode).
    std::unique_ptr<test::ProgramUnderTest> startSim(const QStringList &extra) {
        auto sim = std::make_unique<test::ProgramUnderTest>(
            QStringLiteral(LMCF_SIM_PATH),
            QStringList{QStringLiteral("--nodes"), QStringLiteral("2"), QStringLiteral("--host"),
                        QStringLiteral("127.0.0.1"), QStringLiteral("--base-port"),
                        QStringLiteral("0"), QStringLiteral("--heartbeat-url"),
                        daemon.url().toString() + QStringLiteral("/lmcache_heartbeat"),
                        QStringLiteral("--heartbeat-interval"), QStringLiteral("1")} +
                extra);
        EXPECT_TRUE(sim->start(2, 15000)) << sim->errorText().toStdString();
        return sim;
    }
    //! The name the daemon gives a heartbeat node (spec §1: proxy_<host>_<port>).
    static QString nodeName(test::ProgramUnderTest &sim, int index) {
        return QStringLiteral("proxy_127.0.0.1_%1").arg(sim.url(index).port());
    }
    QString health(const QString &node) const {
        const int row = window.fleetModel()->rowOfName(node);
        return row < 0 ? QString()
                       : window.fleetModel()->index(row, FleetTableModel::Health).data().toString();
    }

    // A long TTL: a dead node stays listed (suspect) instead of vanishing mid-test.
    test::ProgramUnderTest daemon{QStringLiteral(LMCF_FLEETD_PATH),
                                  {QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                                   QStringLiteral("--port"), QStringLiteral("0"),
                                   QStringLiteral("--node-ttl"), QStringLiteral("120")}};
    MainWindow window;
};

} // namespace

TEST_F(FleetHealthEndToEndTest, NodeThatJoinsAppearsWithinTwoSeconds) {
    auto sim = startSim({});
    // Timed from the simulator's "listening" lines: its agents start with them.
    const bool listed = test::waitUntil(
        [&] {
            return window.treeModel()->indexOfName(nodeName(*sim, 0)).isValid() &&
                   window.treeModel()->indexOfName(nodeName(*sim, 1)).isValid();
        },
        2000);
    ASSERT_TRUE(listed) << window.connection()->stateMessage().toStdString();
    EXPECT_EQ(health(nodeName(*sim, 0)), QStringLiteral("alive"));
}

TEST_F(FleetHealthEndToEndTest, NodeThatDiesIsShownDown) {
    auto sim = startSim({QStringLiteral("--fault-nodes"), QStringLiteral("2"),
                         QStringLiteral("--die-after"), QStringLiteral("4")});
    const QString living = nodeName(*sim, 0);
    const QString dying = nodeName(*sim, 1);
    ASSERT_TRUE(test::waitUntil(
        [&] { return !health(living).isEmpty() && !health(dying).isEmpty(); }, 5000));
    EXPECT_NE(health(dying), QStringLiteral("down")) << "listed as down before it died";
    ASSERT_TRUE(test::waitUntil([&] { return health(dying) == QStringLiteral("down"); }, 15000))
        << health(dying).toStdString();
    const QModelIndex inTree = window.treeModel()->indexOfName(dying);
    EXPECT_EQ(inTree.data(NodeTreeModel::StateRole).toString(), QStringLiteral("down"));
    EXPECT_EQ(health(living), QStringLiteral("alive"));
    EXPECT_GE(window.alertModel()->rowCount(), 1) << "no node-down alert";
}

TEST_F(FleetHealthEndToEndTest, VllmProcessesGetLiveFigures) {
    // vLLM's metric names hold ':', which reaches the daemon's /metrics?name= percent-encoded.
    // Two vLLM nodes of a scheduler and one worker each, heartbeating through their node proxy.
    auto sim = startSim({QStringLiteral("--mode"), QStringLiteral("vllm"),
                         QStringLiteral("--workers"), QStringLiteral("1")});
    const QString worker = QStringLiteral("sim-vllm-01_worker0");
    const auto points = [&] { // seconds with a value in the last two minutes
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        return window.connection()
            ->store()
            ->series(ChartKind::L1Usage, worker, now - 120000, 1000)
            .size();
    };
    ASSERT_TRUE(test::waitUntil([&] { return points() > 0; }, 20000))
        << window.connection()->stateMessage().toStdString();
    const qsizetype first = points();
    EXPECT_TRUE(test::waitUntil([&] { return points() >= first + 2; }, 10000))
        << "no live figures for the worker in the app: " << points() << " points";
}
