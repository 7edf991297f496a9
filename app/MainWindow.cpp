#include "MainWindow.h"

#include "ConnectionDialog.h"
#include "DaemonWindows.h"
#include "NodeJumpDialog.h"
#include "alerts/AlertMonitor.h"
#include "alerts/AlertsView.h"
#include "charts/ChartsView.h"
#include "charts/HistoryLoader.h"
#include "models/AlertModel.h"
#include "models/FleetFilterModel.h"
#include "models/FleetTableModel.h"
#include "models/NodeFilterModel.h"
#include "models/NodeStateStyle.h"
#include "models/NodeTreeModel.h"
#include "pages/NodeView.h"
#include "pages/UsageBarDelegate.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <cstdio>

namespace lmcf {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_connection(new FleetConnection(this))
    , m_history(new HistoryLoader(m_connection, this))
    , m_treeModel(new NodeTreeModel(this))
    , m_treeFilterModel(new NodeFilterModel(this))
    , m_fleetModel(new FleetTableModel(this))
    , m_fleetFilterModel(new FleetFilterModel(this))
    , m_alertModel(new AlertModel(this))
    , m_alerts(new AlertMonitor(m_alertModel, this))
    , m_splitter(new QSplitter(this))
    , m_tabs(new QTabWidget(this))
    , m_charts(new ChartsView(m_connection->store(), this))
    , m_nodeView(new NodeView(m_connection, this))
    , m_connectionLabel(new QLabel(this))
    , m_updateLabel(new QLabel(this)) {
    setWindowTitle(QStringLiteral("LMCache Fleet"));
    setWindowIcon(NodeStateStyle::icon(QStringLiteral("alive")));
    QSettings settings;
    m_alerts->setThresholds(AlertThresholds::load(settings));
    m_alertsView = new AlertsView(m_alertModel, m_alerts->thresholds(), this);

    m_splitter->addWidget(buildTreePane());
    m_tabs->addTab(buildFleetPane(), QStringLiteral("Fleet"));
    m_tabs->addTab(m_charts, QStringLiteral("Charts"));
    m_tabs->addTab(m_nodeView, QStringLiteral("Node"));
    m_tabs->addTab(m_alertsView, QStringLiteral("Alerts"));
    m_tabs->setTabEnabled(NodeTab, false);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({260, 1100});
    setCentralWidget(m_splitter);
    statusBar()->addWidget(m_connectionLabel, 1);
    statusBar()->addPermanentWidget(m_updateLabel);
    buildActions();

    connect(m_connection, &FleetConnection::stateChanged, this, &MainWindow::onStateChanged);
    connect(m_connection, &FleetConnection::nodesChanged, this, &MainWindow::onNodesChanged);
    connect(m_connection, &FleetConnection::statsChanged, this, &MainWindow::onStatsChanged);
    connect(m_connection, &FleetConnection::viewerDetected, this,
            [this] { onStateChanged(m_connection->state(), m_connection->stateMessage()); });
    connect(m_alerts, &AlertMonitor::fired, this, &MainWindow::onAlert);
    // Fired and cleared alerts both land in the history: the tab counts what is active now.
    connect(m_alertModel, &QAbstractItemModel::rowsInserted, this, [this] {
        const qsizetype active = m_alerts->active().size();
        m_tabs->setTabText(AlertsTab, active > 0 ? QStringLiteral("Alerts (%1)").arg(active)
                                                 : QStringLiteral("Alerts"));
    });
    connect(m_alertsView, &AlertsView::thresholdsChanged, this, &MainWindow::onThresholdsChanged);
    connect(m_history, &HistoryLoader::finished, this, [this](const QString &problem) {
        m_charts->setNote(
            problem.isEmpty()
                ? QStringLiteral("history from %1, then live").arg(m_history->sourceName())
                : QStringLiteral("live only (history: %1)").arg(problem));
        m_charts->redraw();
    });
    m_tray = DaemonWindows::trayIcon();
    onStateChanged(FleetConnection::State::Disconnected, QStringLiteral("Not connected"));
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions() {
    QMenu *file = menuBar()->addMenu(QStringLiteral("&File"));
    QAction *connectAction =
        file->addAction(QStringLiteral("&Connect to daemon…"), this, [this] { askConnection(); });
    connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    QAction *another = file->addAction(QStringLiteral("&New window for another daemon…"), this,
                                       [this] { DaemonWindows::askForAnother(this); });
    another->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    file->addSeparator();
    QAction *closeWindow = file->addAction(QStringLiteral("&Close window"), this, &QWidget::close);
    closeWindow->setShortcut(QKeySequence::Close);
    QAction *quit = file->addAction(QStringLiteral("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(QStringLiteral("&View"));
    QAction *refresh = view->addAction(QStringLiteral("&Refresh"), this, &MainWindow::refreshAll);
    refresh->setShortcut(QKeySequence::Refresh);
    QAction *jump =
        view->addAction(QStringLiteral("&Jump to node…"), this, &MainWindow::jumpToNode);
    jump->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    view->addSeparator();
    const QStringList names = {QStringLiteral("&Fleet"), QStringLiteral("&Charts"),
                               QStringLiteral("&Node"), QStringLiteral("&Alerts")};
    for (int i = 0; i < names.size(); ++i) {
        QAction *action = view->addAction(names[i], this, [this, i] { showTab(Tab(i)); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    QAction *filter = view->addAction(QStringLiteral("Filter nodes"), this, [this] {
        m_treeFilter->setFocus();
        m_treeFilter->selectAll();
    });
    filter->setShortcut(QKeySequence::Find);
}

QWidget *MainWindow::buildTreePane() {
    auto *pane = new QWidget(this);
    m_treeFilter = new QLineEdit(pane);
    m_treeFilter->setPlaceholderText(QStringLiteral("Filter nodes (Ctrl+F) · jump: Ctrl+K"));
    m_treeFilter->setClearButtonEnabled(true);
    m_tree = new QTreeView(pane);
    m_treeFilterModel->setSourceModel(m_treeModel);
    m_tree->setModel(m_treeFilterModel);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(0, Qt::AscendingOrder);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_treeFilter);
    layout->addWidget(m_tree);
    connect(m_treeFilter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_treeFilterModel->setFilterFixedString(text.trimmed());
        m_tree->expandAll();
    });
    connect(m_tree, &QTreeView::activated, this, &MainWindow::openNodeAt);
    connect(m_tree, &QTreeView::clicked, this, &MainWindow::openNodeAt);
    return pane;
}

QWidget *MainWindow::buildFleetPane() {
    auto *pane = new QWidget(this);
    auto *search = new QLineEdit(pane);
    search->setPlaceholderText(QStringLiteral("Filter by name, address, version or health…"));
    search->setClearButtonEnabled(true);
    m_summary = new QLabel(pane);
    m_summary->setTextFormat(Qt::PlainText);
    m_fleetFilterModel->setSourceModel(m_fleetModel);
    m_fleetTable = new QTableView(pane);
    m_fleetTable->setModel(m_fleetFilterModel);
    m_fleetTable->setSortingEnabled(true);
    m_fleetTable->sortByColumn(FleetTableModel::Name, Qt::AscendingOrder);
    m_fleetTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_fleetTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_fleetTable->setAlternatingRowColors(true);
    m_fleetTable->verticalHeader()->hide();
    m_fleetTable->setItemDelegateForColumn(
        FleetTableModel::L1Usage, new UsageBarDelegate(FleetTableModel::L1RatioRole, this));
    m_fleetTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Size columns by the rows on screen: measuring all 1,000 rows' text on every refresh
    // was most of the app's CPU.
    m_fleetTable->horizontalHeader()->setResizeContentsPrecision(0);
    m_fleetTable->horizontalHeader()->setSectionResizeMode(FleetTableModel::L1Usage,
                                                           QHeaderView::Stretch);
    auto *layout = new QVBoxLayout(pane);
    layout->addWidget(m_summary);
    layout->addWidget(search);
    layout->addWidget(m_fleetTable, 1);
    connect(search, &QLineEdit::textChanged, m_fleetFilterModel, &FleetFilterModel::setSearchText);
    connect(m_fleetTable, &QTableView::activated, this, [this](const QModelIndex &index) {
        openNode(index.data(FleetTableModel::NodeNameRole).toString());
    });
    return pane;
}

void MainWindow::connectTo(const ConnectionSettings &settings) {
    m_settings = settings;
    setWindowTitle(QStringLiteral("LMCache Fleet — %1").arg(daemonName()));
    QSettings stored;
    m_settings.save(stored);
    m_settings.recentDaemons = ConnectionSettings::load(stored).recentDaemons;
    m_historyLoaded = false;
    m_history->setSource(settings.historyUrl, settings.historyBearer());
    m_connection->connectTo(settings.daemon, settings.token);
}

void MainWindow::askConnection(const QString &problem) {
    ConnectionDialog dialog(m_settings, this);
    dialog.setProblem(problem);
    if (dialog.exec() == QDialog::Accepted)
        connectTo(dialog.settings());
}

QString MainWindow::daemonName() const {
    return m_settings.daemon.adjusted(QUrl::RemoveUserInfo).authority();
}

QString MainWindow::connectionText() const {
    return m_connectionLabel->text();
}

void MainWindow::onStateChanged(FleetConnection::State state, const QString &message) {
    QString text = message;
    QString colour;
    switch (state) {
    case FleetConnection::State::Connected:
        colour = NodeStateStyle::colour(QStringLiteral("alive")).name();
        break;
    case FleetConnection::State::Connecting:
        colour = NodeStateStyle::colour(QStringLiteral("suspect")).name();
        break;
    case FleetConnection::State::Failed:
        colour = NodeStateStyle::colour(QStringLiteral("down")).name();
        break;
    case FleetConnection::State::Disconnected:
        colour = NodeStateStyle::colour({}).name();
        break;
    }
    if (m_connection->isViewer())
        text += QStringLiteral("  ·  viewer token (read-only)");
    if (m_promptForToken && state == FleetConnection::State::Failed &&
        message.contains(QStringLiteral("(401)"))) {
        m_promptForToken = false; // once: the dialog says why, the operator decides
        QTimer::singleShot(0, this, [this, message] { askConnection(message); });
    }
    m_connectionLabel->setText(QStringLiteral("● ") + text);
    m_connectionLabel->setStyleSheet(QStringLiteral("color: %1;").arg(colour));
}

void MainWindow::onNodesChanged() {
    const FleetNodeList &list = m_connection->nodes();
    const int before = m_treeModel->rowCount();
    m_treeModel->setNodes(list);
    if (before != m_treeModel->rowCount() || m_tree->model()->rowCount() > 0)
        m_tree->expandAll();
    m_fleetModel->setNodes(list.leaves());
    if (!m_nodeView->node().isEmpty()) {
        const QModelIndex index = m_treeModel->indexOfName(m_nodeView->node());
        if (index.isValid())
            m_tree->setCurrentIndex(m_treeFilterModel->mapFromSource(index));
    }
    if (!m_historyLoaded && !list.proxies.isEmpty()) {
        m_historyLoaded = true;
        const qsizetype count = list.leaves().size();
        // Bounded history: big fleets get less of it rather than a slow start.
        m_history->load(count > 300 ? 15 * 60 * 1000 : 60 * 60 * 1000, count > 50 ? 15 : 5);
        m_charts->setNote(QStringLiteral("loading history…"));
    }
    updateSummary();
    m_alerts->evaluate(list.leaves(), m_connection->stats(), QDateTime::currentDateTime());
}

void MainWindow::onStatsChanged() {
    m_fleetModel->setStats(m_connection->stats());
    m_updateLabel->setText(
        QStringLiteral("Last update %1")
            .arg(m_connection->lastUpdate().toString(QStringLiteral("HH:mm:ss"))));
    m_alerts->evaluate(m_connection->nodes().leaves(), m_connection->stats(),
                       QDateTime::currentDateTime());
}

void MainWindow::updateSummary() {
    const QList<FleetNode> leaves = m_connection->nodes().leaves();
    QMap<QString, int> states;
    for (const FleetNode &node : leaves)
        ++states[NodeStateStyle::label(node.state)];
    QStringList parts;
    for (auto it = states.cbegin(); it != states.cend(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    QString text = QStringLiteral("%1 nodes").arg(leaves.size());
    if (!parts.isEmpty())
        text += QStringLiteral(" — ") + parts.join(QStringLiteral(", "));
    if (!m_fleetModel->commonVersion().isEmpty())
        text += QStringLiteral(" · most run version %1 (others in red)")
                    .arg(m_fleetModel->commonVersion());
    m_summary->setText(text);
}

void MainWindow::onAlert(const AlertEvent &event) {
    if (m_tray)
        m_tray->showMessage(QStringLiteral("LMCache Fleet: %1 (%2)").arg(event.rule, daemonName()),
                            QStringLiteral("%1: %2").arg(event.node, event.message),
                            QSystemTrayIcon::Warning, 8000);
}

void MainWindow::onThresholdsChanged(const AlertThresholds &thresholds) {
    m_alerts->setThresholds(thresholds);
    QSettings settings;
    thresholds.save(settings);
}

void MainWindow::openNodeAt(const QModelIndex &index) {
    if (!index.isValid() || !index.data(NodeTreeModel::OpensPagesRole).toBool())
        return;
    openNode(index.data(NodeTreeModel::NodeNameRole).toString());
}

bool MainWindow::openNode(const QString &node) {
    const QModelIndex source = m_treeModel->indexOfName(node);
    if (!source.isValid())
        return false;
    QString target = node;
    // A proxy with leaves has no pages of its own: open its first leaf.
    if (!source.data(NodeTreeModel::OpensPagesRole).toBool()) {
        const QModelIndex child = m_treeModel->index(0, 0, source);
        target = child.data(NodeTreeModel::NodeNameRole).toString();
    }
    m_tree->setCurrentIndex(m_treeFilterModel->mapFromSource(m_treeModel->indexOfName(target)));
    openNodePages(target);
    return true;
}

void MainWindow::openNodePages(const QString &node) {
    m_tabs->setTabEnabled(NodeTab, true);
    m_tabs->setTabText(NodeTab, QStringLiteral("Node: %1").arg(node));
    m_nodeView->setNode(node);
    showTab(NodeTab);
}

void MainWindow::showTab(Tab tab) {
    if (m_tabs->isTabEnabled(tab))
        m_tabs->setCurrentIndex(tab);
}

void MainWindow::jumpToNode() {
    QStringList names;
    for (const FleetNode &node : m_connection->nodes().leaves())
        names << node.name;
    names.sort(Qt::CaseInsensitive);
    NodeJumpDialog dialog(names, this);
    if (dialog.exec() == QDialog::Accepted)
        openNode(dialog.chosen());
}

void MainWindow::refreshAll() {
    m_connection->refresh();
    if (m_tabs->currentIndex() == NodeTab)
        m_nodeView->reloadCurrent();
    m_charts->redraw();
}

void MainWindow::restoreLayout() {
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1400, 860);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
}

bool MainWindow::event(QEvent *event) {
    // LMCF_REPORT_FIRST_PAINT: one stderr line at the first paint (bench/ times start-up by it).
    if (event->type() == QEvent::Paint && m_reportFirstPaint) {
        m_reportFirstPaint = false;
        std::fprintf(stderr, "lmcache-fleet: first paint\n");
        std::fflush(stderr);
    }
    return QMainWindow::event(event);
}

void MainWindow::closeEvent(QCloseEvent *event) {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    QMainWindow::closeEvent(event);
}

} // namespace lmcf
