#pragma once

#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace lmcf {

class DashboardProbe;
class NodeCatalog;
class NodeRegistry;

//! Finds out which heartbeating nodes are other dashboards (a daemon started with
//! `--heartbeat-url`): probes each new address's `/api/nodes` when it joins and every address
//! again each period, and hands the children to the catalog.
class RemoteDashboards final : public QObject {
    Q_OBJECT
public:
    static constexpr int maxInFlight = 16;

    //! None of the pointers is owned; all must outlive this object.
    RemoteDashboards(NodeRegistry *registry, NodeCatalog *catalog, DashboardProbe *probe,
                     QObject *parent = nullptr);
    ~RemoteDashboards() override;

    //! Re-probe period (default 30 s, as the supplier's refresh).
    void setPeriodMs(int ms) { m_timer.setInterval(ms); }
    void start();

private:
    void probeNew();
    void probeAll();
    void probeOne(const QString &apiAddress);
    //! Starts queued probes while fewer than maxInFlight run (a restored or restarting fleet
    //! of thousands must not open thousands of connections at once).
    void pump();

    NodeRegistry *m_registry;
    NodeCatalog *m_catalog;
    DashboardProbe *m_probe;
    QSet<QString> m_known;
    QStringList m_queue;
    QSet<QString> m_queued;
    int m_inFlight = 0;
    QTimer m_timer;
    QTimer m_joinTimer; // coalesces a burst of joins into one pass
};

} // namespace lmcf
