#pragma once

#include <QList>

class QSystemTrayIcon;

namespace lmcf {

class MainWindow;
struct ConnectionSettings;

//! The app's windows, one per daemon: several clusters are watched side by side. Opens a
//! window for a daemon (or raises the one already showing it) and gives all of them one tray
//! icon, so alerts of every daemon land in the same place.
class DaemonWindows final {
public:
    //! The window showing `settings.daemon`, raised, if one is open; otherwise a new window
    //! (deleted on close, offset from the newest one) shown and connected, or asking for a
    //! daemon when `settings` names none. It refreshes every `refreshIntervalMs`.
    static MainWindow *open(const ConnectionSettings &settings, int refreshIntervalMs);
    //! Asks (a dialog over `from`, its daemon and history source filled in, no token) for
    //! another daemon and opens it with `from`'s refresh interval.
    static void askForAnother(MainWindow *from);
    //! The windows open() made that are still shown, oldest first.
    static QList<MainWindow *> all();
    //! The shared tray icon, made on first use; nullptr where there is no system tray.
    static QSystemTrayIcon *trayIcon();
};

} // namespace lmcf
