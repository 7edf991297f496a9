#pragma once

#include "models/FleetNode.h"
#include "models/NodeStats.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>

namespace lmcf {

class DaemonClient;
struct DaemonReply;
class SeriesStore;

//! The app's live link to one daemon: keeps the node list current through the change feed
//! (long-poll; plain polling when the daemon has no feed), scrapes the aggregated `/metrics`
//! into the SeriesStore, polls node status for L1 totals, and derives the fleet table's figures.
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
    //! Time source for samples (ms since epoch); tests inject one.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    //! Remembers that the daemon refused an operator action (403): the token is a viewer's.
    void noteForbidden();

    State state() const { return m_state; }
    QString stateMessage() const { return m_message; }
    bool isViewer() const { return m_viewer; }
    DaemonClient *client() const { return m_client; }
    SeriesStore *store() const { return m_store; }
    const FleetNodeList &nodes() const { return m_nodes; }
    const QHash<QString, NodeStats> &stats() const { return m_stats; }
    QDateTime lastUpdate() const { return m_lastUpdate; }
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
    void pollStatuses();
    void takeStatus(const QString &node, const DaemonReply &reply, bool triedNewPath);
    void recomputeStats();

    DaemonClient *m_client;
    SeriesStore *m_store;
    QTimer m_scrapeTimer;
    QTimer m_retryTimer;
    QPointer<QObject> m_session; //!< parent of every in-flight request's context
    std::function<qint64()> m_clock;
    State m_state = State::Disconnected;
    QString m_message;
    bool m_viewer = false;
    bool m_feedWorks = true;
    bool m_feedRunning = false;
    bool m_scrapeBusy = false;
    FleetNodeList m_nodes;
    QHash<QString, NodeStats> m_stats;
    QHash<QString, QPair<double, double>> m_l1FromStatus; //!< node → used, total bytes
    int m_statusCursor = 0;
    int m_scrapes = 0;
    QDateTime m_lastUpdate;
};

} // namespace lmcf
