#include "FakeRegistry.h"

#include "discovery/HeartbeatQuery.h"

#include <QTcpSocket>
#include <QUrlQuery>

namespace lmcf::test {

FakeRegistry::FakeRegistry(QObject *parent)
    : QTcpServer(parent) {
    connect(this, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { serve(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

FakeRegistry::~FakeRegistry() = default;

bool FakeRegistry::start(quint16 port) {
    return listen(QHostAddress::LocalHost, port);
}

QUrl FakeRegistry::baseUrl() const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(serverPort()));
}

QUrl FakeRegistry::heartbeatUrl() const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1/lmcache_heartbeat").arg(serverPort()));
}

void FakeRegistry::serve(QTcpSocket *socket) {
    // Requests are GETs without bodies: one per header block.
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    qsizetype end;
    while ((end = buffer.indexOf("\r\n\r\n")) >= 0) {
        const QByteArray target = buffer.left(end).split(' ').value(1);
        buffer.remove(0, end + 4);
        const QUrl url(QStringLiteral("http://x") + QString::fromLatin1(target));
        requests << url;
        QByteArray body;
        if (url.path() == u"/version") {
            body = "\"0.3.9-test\"";
        } else {
            const auto heartbeat = HeartbeatQuery::decode(QUrlQuery(url));
            if (heartbeat)
                heartbeats << heartbeat.value();
            body = "{\"status\":\"success\"}";
        }
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }
    socket->setProperty("buffer", buffer);
}

} // namespace lmcf::test
