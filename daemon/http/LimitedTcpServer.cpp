#include "http/LimitedTcpServer.h"

#include <QTcpSocket>
#include <QTimer>

namespace lmcf {

namespace {
constexpr char kBusyProperty[] = "lmcf_pending_replies";
}

LimitedTcpServer::LimitedTcpServer(ConnectionLimits limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits) {}

LimitedTcpServer::~LimitedTcpServer() = default;

void LimitedTcpServer::markBusy(QObject *socket) {
    if (socket)
        socket->setProperty(kBusyProperty, socket->property(kBusyProperty).toInt() + 1);
}

void LimitedTcpServer::markIdle(QObject *socket) {
    if (socket)
        socket->setProperty(kBusyProperty, qMax(0, socket->property(kBusyProperty).toInt() - 1));
}

void LimitedTcpServer::incomingConnection(qintptr descriptor) {
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_open >= m_limits.maxConnections) {
        // Answer rather than reset, so a client learns why.
        static const QByteArray body =
            QByteArrayLiteral("{\"detail\":\"too many open connections\"}");
        socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                      "Connection: close\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        return;
    }
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    armIdleTimer(socket);
    addPendingConnection(socket);
}

void LimitedTcpServer::armIdleTimer(QTcpSocket *socket) {
    auto *idle = new QTimer(socket);
    idle->setSingleShot(true);
    idle->setInterval(m_limits.idleTimeoutMs);
    const auto restart = [idle] { idle->start(); };
    connect(socket, &QTcpSocket::readyRead, idle, restart);
    connect(socket, &QTcpSocket::bytesWritten, idle, restart);
    connect(idle, &QTimer::timeout, socket, [socket, idle] {
        if (socket->property(kBusyProperty).toInt() > 0) {
            idle->start();
            return;
        }
        socket->disconnectFromHost();
    });
    idle->start();
}

} // namespace lmcf
