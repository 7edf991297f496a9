#pragma once

#include "discovery/InfosEntry.h"
#include "model/LeafNode.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>

namespace lmcf {

class DashboardProbe;
class HttpClient;
class NodeCatalog;

//! `--node-supplier-url`: reads a discovery service's `/lmcache_infos` (ours or the original)
//! every period (default 30 s, the original's refresh), probes each address for being a
//! dashboard (frontend of frontends), and gives the catalog the converted tree. A failing
//! supplier, an unreadable body or an empty list keeps the previous tree, as the original does.
class SupplierPoller final : public QObject {
    Q_OBJECT
public:
    //! `supplierUrl` is used as given when its path ends in `lmcache_infos`, else
    //! `/lmcache_infos` is appended. Pointers are not owned and must outlive the poller.
    SupplierPoller(QUrl supplierUrl, HttpClient *client, DashboardProbe *probe,
                   NodeCatalog *catalog, QObject *parent = nullptr);
    ~SupplierPoller() override;

    void setPeriodMs(int ms) { m_timer.setInterval(ms); }
    //! The `Authorization` value (--upstream-token-file) sent with every `/lmcache_infos`
    //! request; empty: none. (The probes of its addresses follow DashboardProbe's rule.)
    void setAuthorization(const QByteArray &authorization) { m_authorization = authorization; }
    //! Polls now, then every period.
    void start();

    const QUrl &infosUrl() const { return m_url; }
    int successfulPolls() const { return m_successes; }
    int failedPolls() const { return m_failures; }

Q_SIGNALS:
    //! After each poll: whether it replaced the tree, and why not when it did not.
    void polled(bool applied, const QString &problem);

private:
    void poll();
    void received(const QList<InfosEntry> &entries);
    void fail(const QString &problem);

    QUrl m_url;
    QByteArray m_authorization;
    HttpClient *m_client;
    DashboardProbe *m_probe;
    NodeCatalog *m_catalog;
    QTimer m_timer;
    bool m_inFlight = false;
    int m_successes = 0;
    int m_failures = 0;
};

} // namespace lmcf
