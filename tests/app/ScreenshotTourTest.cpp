#include "ScreenshotTour.h"

#include "FixtureDaemon.h"
#include "MainWindow.h"
#include "WaitUntil.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;

// Renders every view to PNG. Set LMCF_SCREENSHOT_DIR to keep the pictures and look at them.
TEST(ScreenshotTour, WritesEveryViewAsPng) {
    QStandardPaths::setTestModeEnabled(true);
    test::FixtureDaemon daemon;
    ASSERT_TRUE(daemon.start());
    QTemporaryDir temporary;
    const QString directory = qEnvironmentVariableIsSet("LMCF_SCREENSHOT_DIR")
                                  ? qEnvironmentVariable("LMCF_SCREENSHOT_DIR")
                                  : temporary.path();
    MainWindow window;
    window.resize(1440, 900);
    window.show();
    window.connection()->setRefreshIntervalMs(300);
    ConnectionSettings settings;
    settings.daemon = daemon.url();
    window.connectTo(settings);
    ScreenshotTour tour(&window, directory, {}, 20);
    std::optional<int> exitCode;
    QObject::connect(&tour, &ScreenshotTour::finished, [&](int code) { exitCode = code; });
    tour.start();
    ASSERT_TRUE(test::waitUntil([&] { return exitCode.has_value(); }, 120000));
    EXPECT_EQ(*exitCode, 0);
    EXPECT_EQ(tour.written().size(), 14); // fleet, charts, 10 node tabs, connection, alerts
    for (const QString &path : tour.written())
        EXPECT_GT(QFileInfo(path).size(), 10000) << path.toStdString();
}
