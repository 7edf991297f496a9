#pragma once

#include <QTcpServer>
#include <QUrl>

namespace lmcf::test {

//! A tiny loopback HTTP peer for client tests: answers every request with the same raw bytes,
//! or never answers when `reply` is empty (a stuck node). Counts accepted connections.
class CannedHttpPeer final : public QTcpServer {
    Q_OBJECT
public:
    explicit CannedHttpPeer(QByteArray reply, QObject *parent = nullptr);
    ~CannedHttpPeer() override;

    QUrl url(const QString &path) const;
    int acceptedConnections() const { return m_accepted; }
    int requestsSeen() const { return m_requests; }

    //! A 200 answer with `body` and Content-Length.
    static QByteArray okReply(const QByteArray &body, const QByteArray &contentType = "text/plain");

private:
    QByteArray m_reply;
    int m_accepted = 0;
    int m_requests = 0;
};

} // namespace lmcf::test
