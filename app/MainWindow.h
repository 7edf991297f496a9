#pragma once

#include "alerts/AlertThresholds.h"
#include "fleet/FleetConnection.h"
#include "settings/ConnectionSettings.h"

#include <QMainWindow>

class QLabel;
class QLineEdit;
class QSplitter;
class QSystemTrayIcon;
class QTabWidget;
class QTableView;
class QTreeView;

namespace lmcf {

class AlertModel;
class AlertMonitor;
class AlertsView;
class ChartsView;
class FleetFilterModel;
class FleetTableModel;
class HistoryLoader;
class NodeFilterModel;
class NodeTreeModel;
class NodeView;
struct AlertEvent;

//! The operator's window on one daemon: node tree (filter, Ctrl+K), and tabs for the fleet
//! table, fleet charts, the selected node's pages and alerts; a status bar with the connection
//! state and last update. Owns the FleetConnection; everything else reads from it. Several
//! daemons are watched in several windows (DaemonWindows).
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    enum Tab { FleetTab, ChartsTab, NodeTab, AlertsTab };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    //! Connects (and remembers the URL/token file in QSettings).
    void connectTo(const ConnectionSettings &settings);
    //! Interactive use: open the connection dialog by itself when the daemon wants a token.
    void setPromptForToken(bool prompt) { m_promptForToken = prompt; }
    //! Opens the connection dialog (optionally showing why the last attempt failed).
    void askConnection(const QString &problem = {});
    //! Opens `node`'s pages; false when no such node is known.
    bool openNode(const QString &node);
    //! Opens the pages of `node` even when the node list does not know it (a daemon without
    //! `/api/nodes`): the pages go through `/proxy2/<node>/...` all the same.
    void openNodePages(const QString &node);
    void showTab(Tab tab);

    FleetConnection *connection() const { return m_connection; }
    const ConnectionSettings &connectionSettings() const { return m_settings; }
    NodeTreeModel *treeModel() const { return m_treeModel; }
    FleetTableModel *fleetModel() const { return m_fleetModel; }
    NodeView *nodeView() const { return m_nodeView; }
    ChartsView *chartsView() const { return m_charts; }
    AlertModel *alertModel() const { return m_alertModel; }
    QTreeView *tree() const { return m_tree; }
    QLineEdit *treeFilter() const { return m_treeFilter; }
    QString connectionText() const;

protected:
    bool event(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    QWidget *buildTreePane();
    QWidget *buildFleetPane();
    void onStateChanged(FleetConnection::State state, const QString &message);
    void onNodesChanged();
    void onStatsChanged();
    void onAlert(const AlertEvent &event);
    void onThresholdsChanged(const AlertThresholds &thresholds);
    void openNodeAt(const QModelIndex &index);
    void jumpToNode();
    void refreshAll();
    void updateSummary();
    void restoreLayout();
    //! host:port of the daemon, for titles and notifications.
    QString daemonName() const;

    FleetConnection *m_connection;
    HistoryLoader *m_history;
    NodeTreeModel *m_treeModel;
    NodeFilterModel *m_treeFilterModel;
    FleetTableModel *m_fleetModel;
    FleetFilterModel *m_fleetFilterModel;
    AlertModel *m_alertModel;
    AlertMonitor *m_alerts;
    QSplitter *m_splitter;
    QTreeView *m_tree;
    QLineEdit *m_treeFilter;
    QTableView *m_fleetTable;
    QLabel *m_summary;
    QTabWidget *m_tabs;
    ChartsView *m_charts;
    NodeView *m_nodeView;
    AlertsView *m_alertsView;
    QLabel *m_connectionLabel;
    QLabel *m_updateLabel;
    QSystemTrayIcon *m_tray = nullptr;
    ConnectionSettings m_settings;
    bool m_historyLoaded = false;
    bool m_promptForToken = false;
    bool m_reportFirstPaint = qEnvironmentVariableIsSet("LMCF_REPORT_FIRST_PAINT");
};

} // namespace lmcf
