#pragma once

#include "models/FleetNode.h"
#include "models/NodeStats.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <functional>

namespace lmcf {

class DaemonClient;
struct DaemonReply;
struct FleetMetrics;
class SeriesStore;

//! The app's live link to one daemon: keeps the node list current through the change feed
//! (long-poll; plain polling when the daemon has no feed), scrapes the aggregated `/metrics`
//! into the SeriesStore (read off the GUI thread), polls node status for L1 totals, and derives
//! the fleet table's figures. A node the daemon's scrape could not reach
//! (`lmcache_fleet_node_up 0`) is shown "down" whatever its registry state.
//! Never blocks; every failure becomes connectionChanged() with a message for the operator.
class FleetConnection final : public QObject {
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected, Failed };
    Q_ENUM(State)

    explicit FleetConnection(QObject *parent = nullptr);
    ~FleetConnection() override;

    //! Drops any previous link and connects to `daemon` (token may be empty).
    void connectTo(const QUrl &daemon, const QString &token);
    void disconnectFromDaemon();
    //! Fetches the node list and metrics now (F5).
    void refresh();
    //! How often `/metrics` is scraped. Default 5 s.
    void setRefreshIntervalMs(int ms);
    int refreshIntervalMs() const { return m_scrapeTimer.interval(); }
    //! Time source for samples (ms since epoch); tests inject one.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    //! Remembers that the daemon refused an operator action (403): the token is a viewer's.
    void noteForbidden();

    State state() const { return m_state; }
    QString stateMessage() const { return m_message; }
    bool isViewer() const { return m_viewer; }
    DaemonClient *client() const { return m_client; }
    SeriesStore *store() const { return m_store; }
    //! The node list as shown: the daemon's, with unreachable nodes' state set to "down".
    const FleetNodeList &nodes() const { return m_nodes; }
    const QHash<QString, NodeStats> &stats() const { return m_stats; }
    QDateTime lastUpdate() const { return m_lastUpdate; }
    //! Answers to the metrics scrape so far (a repeated identical answer counts, but is not
    //! stored again).
    int scrapeCount() const { return m_scrapes; }

Q_SIGNALS:
    void stateChanged(lmcf::FleetConnection::State state, const QString &message);
    void nodesChanged();
    void statsChanged();
    void viewerDetected();

private:
    void setState(State state, const QString &message);
    void fetchNodes();
    void waitForChanges();
    void takeNodes(const DaemonReply &reply, bool fromFeed);
    void scrape();
    void takeMetrics(const DaemonReply &reply);
    void applyMetrics(qint64 atMs, const FleetMetrics &metrics);
    //! m_nodes = m_listed with the unreachable nodes shown down; true when that changed it.
    bool showNodes();
    void pollStatuses();
    void takeStatus(const QString &node, const DaemonReply &reply, bool triedNewPath);
    //! Recomputes the figures soon, once for any number of calls (a refresh brings a scrape
    //! and several status answers: one table update, not nine).
    void scheduleStats();
    void recomputeStats();

    DaemonClient *m_client;
    SeriesStore *m_store;
    QTimer m_scrapeTimer;
    QTimer m_retryTimer;
    QTimer m_statsTimer;
    QPointer<QObject> m_session; //!< parent of every in-flight request's context
    std::function<qint64()> m_clock;
    State m_state = State::Disconnected;
    QString m_message;
    bool m_viewer = false;
    bool m_feedWorks = true;
    bool m_feedRunning = false;
    bool m_scrapeBusy = false;
    FleetNodeList m_listed; //!< as the daemon sent it
    FleetNodeList m_nodes;  //!< as shown
    QSet<QString> m_unreachable;
    QByteArray m_lastMetrics; //!< the last /metrics answer stored
    QHash<QString, NodeStats> m_stats;
    QHash<QString, QPair<double, double>> m_l1FromStatus; //!< node → used, total bytes
    int m_statusCursor = 0;
    int m_scrapes = 0;
    QDateTime m_lastUpdate;
};

} // namespace lmcf
