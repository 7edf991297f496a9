#include "DaemonWindows.h"

#include "ConnectionDialog.h"
#include "MainWindow.h"
#include "models/NodeStateStyle.h"

#include <QApplication>
#include <QPointer>
#include <QSystemTrayIcon>

namespace lmcf {

namespace {

QList<QPointer<MainWindow>> &opened() {
    static QList<QPointer<MainWindow>> windows;
    return windows;
}

} // namespace

MainWindow *DaemonWindows::open(const ConnectionSettings &settings, int refreshIntervalMs) {
    const QList<MainWindow *> shown = all();
    for (MainWindow *window : shown) {
        if (settings.daemon.isValid() && window->connectionSettings().daemon == settings.daemon) {
            window->showNormal();
            window->raise();
            window->activateWindow();
            return window;
        }
    }
    auto *window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->connection()->setRefreshIntervalMs(refreshIntervalMs);
    if (!shown.isEmpty()) {
        window->resize(shown.last()->size());
        window->move(shown.last()->pos() + QPoint(32, 32));
    }
    opened() << window;
    window->show();
    window->setPromptForToken(true);
    if (settings.daemon.isValid())
        window->connectTo(settings);
    else
        window->askConnection();
    return window;
}

void DaemonWindows::askForAnother(MainWindow *from) {
    ConnectionSettings start = from->connectionSettings();
    start.token.clear();
    start.tokenFile.clear();
    ConnectionDialog dialog(start, from);
    dialog.setWindowTitle(QStringLiteral("Open another daemon"));
    if (dialog.exec() == QDialog::Accepted)
        open(dialog.settings(), from->connection()->refreshIntervalMs());
}

QList<MainWindow *> DaemonWindows::all() {
    opened().removeIf([](const QPointer<MainWindow> &window) { return window.isNull(); });
    QList<MainWindow *> result;
    for (const QPointer<MainWindow> &window : std::as_const(opened())) {
        if (window->isVisible()) // a closed window waits for its deletion hidden
            result << window;
    }
    return result;
}

QSystemTrayIcon *DaemonWindows::trayIcon() {
    static QPointer<QSystemTrayIcon> tray;
    if (!tray && QSystemTrayIcon::isSystemTrayAvailable()) {
        tray = new QSystemTrayIcon(NodeStateStyle::icon(QStringLiteral("alive")), qApp);
        tray->setToolTip(QStringLiteral("LMCache Fleet"));
        tray->show();
    }
    return tray;
}

} // namespace lmcf
