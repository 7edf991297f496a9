#include "ScreenshotTour.h"

#include "ConnectionDialog.h"
#include "MainWindow.h"
#include "charts/ChartsView.h"
#include "charts/SeriesStore.h"
#include "pages/MetricsPage.h"
#include "pages/NodePage.h"
#include "pages/NodeView.h"

#include <QDateTime>
#include <QDir>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

namespace lmcf {

namespace {
constexpr int kSettleMs = 400; // lets layouts and charts paint before a grab
} // namespace

ScreenshotTour::ScreenshotTour(MainWindow *window, QString directory, QString node, int waitSeconds,
                               QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(std::move(directory))
    , m_node(std::move(node))
    , m_waitSeconds(waitSeconds) {}

ScreenshotTour::~ScreenshotTour() = default;

void ScreenshotTour::start() {
    QDir().mkpath(m_directory);
    m_deadline = QDeadlineTimer(qint64(m_waitSeconds) * 1000);
    waitForData();
}

void ScreenshotTour::waitForData() {
    const FleetConnection *connection = m_window->connection();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool ready =
        !connection->nodes().leaves().isEmpty() && connection->scrapeCount() >= 3 &&
        !connection->store()->series(ChartKind::HitRate, {}, now - 5 * 60 * 1000, 5000).isEmpty();
    if (ready || m_deadline.hasExpired()) {
        m_timedOut = !ready;
        if (m_timedOut)
            std::fprintf(stderr, "screenshot: no complete data after %d s (%s); saving anyway\n",
                         m_waitSeconds, qPrintable(connection->stateMessage()));
        runSteps();
        return;
    }
    QTimer::singleShot(250, this, &ScreenshotTour::waitForData);
}

void ScreenshotTour::runSteps() {
    m_steps << [this] {
        m_window->showTab(MainWindow::FleetTab);
        QTimer::singleShot(kSettleMs, this, [this] { save(QStringLiteral("01-fleet")); });
    };
    m_steps << [this] {
        m_window->showTab(MainWindow::ChartsTab);
        m_window->chartsView()->redraw();
        QTimer::singleShot(kSettleMs, this, [this] { save(QStringLiteral("02-charts")); });
    };
    const QList<FleetNode> leaves = m_window->connection()->nodes().leaves();
    const QString node = !m_node.isEmpty()  ? m_node
                         : leaves.isEmpty() ? QString()
                                            : leaves.first().name;
    if (!node.isEmpty()) {
        if (!m_window->openNode(node))
            m_window->openNodePages(node); // named with --node but not listed: try it anyway
        QTabWidget *tabs = m_window->nodeView()->tabs();
        for (int tab = 0; tab < tabs->count(); ++tab) {
            const QString slug = tabs->tabText(tab).toLower().replace(u' ', u'-');
            const QString name =
                QStringLiteral("%1-node-%2").arg(tab + 3, 2, 10, QChar(u'0')).arg(slug);
            m_steps << [this, tab, name] {
                // A tab the node does not have (clear cache on a vLLM process) is skipped.
                if (m_window->nodeView()->tabs()->isTabVisible(tab))
                    waitForPage(tab, name);
                else
                    next();
            };
        }
    }
    m_steps << [this] {
        ConnectionDialog dialog(m_window->connectionSettings(), m_window);
        dialog.adjustSize();
        save(QStringLiteral("98-connection"), &dialog);
    };
    m_steps << [this] {
        m_window->showTab(MainWindow::AlertsTab);
        QTimer::singleShot(kSettleMs, this, [this] { save(QStringLiteral("99-alerts")); });
    };
    next();
}

void ScreenshotTour::waitForPage(int tab, const QString &name) {
    m_window->showTab(MainWindow::NodeTab);
    NodeView *view = m_window->nodeView();
    view->showTab(tab);
    auto *page = qobject_cast<NodePage *>(view->tabs()->widget(tab));
    if (auto *metrics = qobject_cast<MetricsPage *>(page))
        metrics->selectSeries(QStringLiteral("hit_tokens"));
    auto deadline = std::make_shared<QDeadlineTimer>(10000);
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [this, page, name, deadline, poll] {
        if ((page && !page->isSettled()) && !deadline->hasExpired()) {
            QTimer::singleShot(100, this, *poll);
            return;
        }
        if (auto *metrics = qobject_cast<MetricsPage *>(page))
            metrics->selectSeries(QStringLiteral("hit_tokens"));
        QTimer::singleShot(kSettleMs, this, [this, name, poll] {
            save(name);
            *poll = nullptr; // breaks the self-reference
        });
    };
    (*poll)();
}

void ScreenshotTour::save(const QString &name, QWidget *widget) {
    const QString path = QDir(m_directory).filePath(name + QStringLiteral(".png"));
    if ((widget ? widget : m_window)->grab().save(path, "PNG")) {
        m_written << path;
        std::fprintf(stdout, "screenshot: %s\n", qPrintable(path));
        std::fflush(stdout);
    } else {
        m_writeFailed = true;
        std::fprintf(stderr, "screenshot: cannot write %s\n", qPrintable(path));
    }
    next();
}

void ScreenshotTour::next() {
    if (m_steps.isEmpty()) {
        Q_EMIT finished(m_writeFailed ? 1 : m_timedOut ? 2 : 0);
        return;
    }
    const auto step = m_steps.takeFirst();
    step();
}

} // namespace lmcf
