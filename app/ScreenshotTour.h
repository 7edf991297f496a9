#pragma once

#include <QDeadlineTimer>
#include <QObject>
#include <QStringList>

#include <functional>

class QWidget;

namespace lmcf {

class MainWindow;

//! `--screenshot DIR`: waits (bounded) until the daemon's nodes and a few metric scrapes have
//! arrived, then shows the fleet view, the charts, every page of one node and the alerts in
//! turn and saves each window as a PNG (`QWidget::grab()`). Emits finished() with the exit code:
//! 0 when data arrived, 2 when it timed out (the pictures are written anyway), 1 on write errors.
class ScreenshotTour final : public QObject {
    Q_OBJECT
public:
    ScreenshotTour(MainWindow *window, QString directory, QString node, int waitSeconds,
                   QObject *parent = nullptr);
    ~ScreenshotTour() override;

    void start();
    const QStringList &written() const { return m_written; }

Q_SIGNALS:
    void finished(int exitCode);

private:
    void waitForData();
    void runSteps();
    void next();
    //! Saves `widget` (default: the main window) as `name`.png, then goes on.
    void save(const QString &name, QWidget *widget = nullptr);
    void waitForPage(int tab, const QString &name);

    MainWindow *m_window;
    QString m_directory;
    QString m_node;
    int m_waitSeconds;
    QDeadlineTimer m_deadline;
    QList<std::function<void()>> m_steps;
    QStringList m_written;
    bool m_timedOut = false;
    bool m_writeFailed = false;
};

} // namespace lmcf
