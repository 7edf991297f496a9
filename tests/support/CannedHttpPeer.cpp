#include "CannedHttpPeer.h"

#include <QTcpSocket>

#include <memory>

namespace lmcf::test {

CannedHttpPeer::CannedHttpPeer(QByteArray reply, QObject *parent)
    : QTcpServer(parent)
    , m_reply(std::move(reply)) {
    listen(QHostAddress::LocalHost, 0);
    connect(this, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = nextPendingConnection()) {
            ++m_accepted;
            auto pending = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket, pending] {
                // Answer each complete head; request bodies (small in these tests) are skipped.
                *pending += socket->readAll();
                qsizetype end;
                while ((end = pending->indexOf("\r\n\r\n")) >= 0) {
                    m_lastRequest = pending->left(end + 4);
                    pending->remove(0, end + 4);
                    ++m_requests;
                    if (!m_reply.isEmpty())
                        socket->write(m_reply);
                }
            });
        }
    });
}

CannedHttpPeer::~CannedHttpPeer() = default;

QUrl CannedHttpPeer::url(const QString &path) const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(path));
}

QByteArray CannedHttpPeer::okReply(const QByteArray &body, const QByteArray &contentType) {
    return "HTTP/1.1 200 OK\r\nContent-Type: " + contentType +
           "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace lmcf::test
