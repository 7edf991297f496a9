#include "AppOptions.h"
#include "DaemonWindows.h"
#include "MainWindow.h"
#include "ScreenshotTour.h"

#include <QApplication>
#include <QSettings>

#include <cstdio>

namespace {

//! `--screenshot` on a machine without a display renders offscreen (same pictures as Xvfb).
void renderOffscreenWithoutDisplay(int argc, char *argv[]) {
    bool screenshot = false;
    for (int i = 1; i < argc; ++i)
        screenshot = screenshot || qstrncmp(argv[i], "--screenshot", 12) == 0;
    if (screenshot && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") &&
        qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

} // namespace

int main(int argc, char *argv[]) {
    renderOffscreenWithoutDisplay(argc, argv);
    QApplication app(argc, argv);
    const auto options = lmcf::AppOptions::parse(QApplication::arguments());
    if (!options) {
        std::fprintf(stderr, "lmcache-fleet: %s\n", qPrintable(options.error()));
        return 2;
    }
    QSettings stored;
    QList<lmcf::ConnectionSettings> connections =
        options->connections(lmcf::ConnectionSettings::load(stored));
    for (lmcf::ConnectionSettings &connection : connections) {
        QString problem = connection.readTokenFile();
        if (problem.isEmpty())
            problem = connection.readHistoryTokenFile();
        if (!problem.isEmpty()) {
            std::fprintf(stderr, "lmcache-fleet: %s\n", qPrintable(problem));
            return 2;
        }
    }

    const int refreshMs = options->refreshSeconds * 1000;
    if (!options->screenshotDir.isEmpty()) {
        lmcf::MainWindow window;
        window.connection()->setRefreshIntervalMs(refreshMs);
        window.resize(1440, 900);
        window.setAttribute(Qt::WA_DontShowOnScreen);
        window.show();
        window.connectTo(connections.first());
        auto *tour = new lmcf::ScreenshotTour(&window, options->screenshotDir, options->node,
                                              options->screenshotWaitSeconds, &app);
        QObject::connect(tour, &lmcf::ScreenshotTour::finished, &app, &QApplication::exit);
        tour->start();
        return QApplication::exec();
    }
    // One window per daemon; --node opens in the first.
    lmcf::MainWindow *first = nullptr;
    for (const lmcf::ConnectionSettings &connection : connections) {
        lmcf::MainWindow *window = lmcf::DaemonWindows::open(connection, refreshMs);
        if (!first)
            first = window;
    }
    if (!options->node.isEmpty() && connections.first().daemon.isValid())
        QObject::connect(
            first->connection(), &lmcf::FleetConnection::nodesChanged, first,
            [first, node = options->node] { first->openNode(node); }, Qt::SingleShotConnection);
    return QApplication::exec();
}
