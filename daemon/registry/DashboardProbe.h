#pragma once

#include "model/LeafNode.h"

#include <QList>
#include <QObject>
#include <QSet>

#include <functional>

namespace lmcf {

class HttpClient;

//! Asks an address whether it is another dashboard (frontend of frontends, spec §1): `GET
//! <base>/api/nodes`. A dashboard's leaves come back as children reached through it
//! (`<base>/proxy2/<name>`); anything else (404, no answer, not the shape) is an empty list,
//! meaning "a plain node".
class DashboardProbe final : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const QList<LeafNode> &children)>;

    //! `client` is not owned and must outlive the probe.
    explicit DashboardProbe(HttpClient *client, QObject *parent = nullptr);
    ~DashboardProbe() override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    //! The `Authorization` value (--upstream-token-file) presented to addresses whose
    //! `other_info` says they are an lmcache-fleetd; empty: none.
    void setAuthorization(const QByteArray &authorization) { m_authorization = authorization; }

    //! True when a heartbeat's raw `other_info` announces a daemon (`"role":"lmcache-fleetd"`,
    //! as SelfHeartbeat sends): only those are probed with the upstream token, so a plain
    //! LMCache node never receives it.
    static bool announcesDaemon(const QString &otherInfo);

    //! Probes `address`, naming the children's proxy `proxyName`, with the upstream token when
    //! `otherInfo` announcesDaemon(). `done` runs once on this thread unless the probe is
    //! destroyed first.
    void probe(const NodeAddress &address, const QString &proxyName, const QString &otherInfo,
               Done done);

private:
    //! Warns once when a daemon refuses the probe (401/403): its nodes cannot be listed.
    void noteRefusal(const QString &baseUrl, int status);

    HttpClient *m_client;
    int m_timeoutMs = 3000;
    QByteArray m_authorization;
    QSet<QString> m_refused; // daemons already warned about
};

} // namespace lmcf
