#include "AppOptions.h"
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
    lmcf::ConnectionSettings connection = lmcf::ConnectionSettings::load(stored);
    options->applyTo(connection);
    QString problem = connection.readTokenFile();
    if (problem.isEmpty())
        problem = connection.readHistoryTokenFile();
    if (!problem.isEmpty()) {
        std::fprintf(stderr, "lmcache-fleet: %s\n", qPrintable(problem));
        return 2;
    }

    lmcf::MainWindow window;
    window.connection()->setRefreshIntervalMs(options->refreshSeconds * 1000);
    if (!options->screenshotDir.isEmpty()) {
        window.resize(1440, 900);
        window.setAttribute(Qt::WA_DontShowOnScreen);
        window.show();
        window.connectTo(connection);
        auto *tour = new lmcf::ScreenshotTour(&window, options->screenshotDir, options->node,
                                              options->screenshotWaitSeconds, &app);
        QObject::connect(tour, &lmcf::ScreenshotTour::finished, &app, &QApplication::exit);
        tour->start();
        return QApplication::exec();
    }
    window.show();
    window.setPromptForToken(true);
    if (connection.daemon.isValid()) {
        window.connectTo(connection);
        if (!options->node.isEmpty())
            QObject::connect(
                window.connection(), &lmcf::FleetConnection::nodesChanged, &window,
                [&window, node = options->node] { window.openNode(node); },
                Qt::SingleShotConnection);
    } else {
        window.askConnection();
    }
    return QApplication::exec();
}
