#pragma once

#include "core/Outcome.h"
#include "http/LimitedTcpServer.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QObject>

namespace lmcf {

//! The HTTP server of a program: a QHttpServer bound to a LimitedTcpServer. Controllers add
//! their routes to server(); the unmatched-route answer is a JSON 404.
class HttpFront final : public QObject {
    Q_OBJECT
public:
    explicit HttpFront(ConnectionLimits limits = {}, QObject *parent = nullptr);
    ~HttpFront() override;

    QHttpServer &server() { return m_server; }

    //! Serves HTTPS from now on with the PEM certificate (chain) and private key (RSA or EC) in
    //! these files; fails naming the file that could not be used. Call before listen().
    Outcome<bool> useTls(const QString &certificatePath, const QString &keyPath);
    bool isTls() const { return m_tcp->isTls(); }

    //! Listens on `address`:`port` (0 = ephemeral); returns the real port or why it failed.
    Outcome<quint16> listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    int openConnections() const { return m_tcp->openConnections(); }

private:
    QHttpServer m_server;
    LimitedTcpServer *m_tcp;
};

} // namespace lmcf
