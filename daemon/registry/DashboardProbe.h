#pragma once

#include "model/LeafNode.h"

#include <QList>
#include <QObject>

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

    //! Probes `address`, naming the children's proxy `proxyName`. `done` runs once on this
    //! thread unless the probe is destroyed first.
    void probe(const NodeAddress &address, const QString &proxyName, Done done);

private:
    HttpClient *m_client;
    int m_timeoutMs = 3000;
};

} // namespace lmcf
