#pragma once

#include "discovery/Heartbeat.h"

#include <QList>
#include <QTcpServer>
#include <QUrl>

namespace lmcf::test {

//! A stand-in discovery registry for agent tests: a loopback HTTP peer that decodes and keeps
//! every heartbeat (`/lmcache_heartbeat` or any other path) and answers
//! `{"status":"success"}`. `GET /version` answers `"0.3.9-test"`, so it can also play the node.
class FakeRegistry final : public QTcpServer {
    Q_OBJECT
public:
    explicit FakeRegistry(QObject *parent = nullptr);
    ~FakeRegistry() override;

    //! Listens on 127.0.0.1:`port` (0 = ephemeral).
    bool start(quint16 port = 0);
    QUrl heartbeatUrl() const;
    QUrl baseUrl() const;

    QList<Heartbeat> heartbeats;
    QList<QUrl> requests; //!< every request target, heartbeats and others

private:
    void serve(class QTcpSocket *socket);
};

} // namespace lmcf::test
