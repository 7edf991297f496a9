#pragma once

#include <QTcpServer>
#include <QUrl>

namespace lmcf::test {

//! A tiny loopback HTTP peer for client tests: answers every request head with the same raw
//! bytes, or never answers when `reply` is empty (a stuck node). Counts accepted connections and
//! keeps the last request head.
class CannedHttpPeer : public QTcpServer {
    Q_OBJECT
public:
    explicit CannedHttpPeer(QByteArray reply, QObject *parent = nullptr);
    ~CannedHttpPeer() override;

    QUrl url(const QString &path) const;
    int acceptedConnections() const { return m_accepted; }
    int requestsSeen() const { return m_requests; }
    //! The last request head as received (request line and headers).
    const QByteArray &lastRequest() const { return m_lastRequest; }
    //! The request target of the last request, e.g. `/lmcache_heartbeat?api_address=...`.
    QByteArray lastTarget() const { return m_lastRequest.split(' ').value(1); }

    //! A 200 answer with `body` and Content-Length.
    static QByteArray okReply(const QByteArray &body, const QByteArray &contentType = "text/plain");

private:
    QByteArray m_reply;
    QByteArray m_lastRequest;
    int m_accepted = 0;
    int m_requests = 0;
};

} // namespace lmcf::test
