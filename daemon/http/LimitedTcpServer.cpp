#include "http/LimitedTcpServer.h"

#include "http/RequestFraming.h"

#include <QSslSocket>
#include <QTimer>

#include <memory>

namespace lmcf {

namespace {
constexpr char kBusyProperty[] = "lmcf_pending_replies";
constexpr char kCloseProperty[] = "lmcf_close_when_idle";
constexpr char kHttp10Property[] = "lmcf_http10";
constexpr int kLingerMs = 500; // keep draining a refused upload so the client reads our answer

QByteArray plainAnswer(int status, const char *reason, const QByteArray &detail) {
    const QByteArray body = "{\"detail\":\"" + detail + "\"}";
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
           "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

// Per-connection view of the request stream, fed before the HTTP server reads the bytes.
struct GateState final : QObject {
    GateState(RequestFraming::Limits limits, QObject *socket)
        : QObject(socket)
        , framing(limits) {}
    RequestFraming framing;
    qint64 unreadSeen = 0; // bytes still buffered that the framing has already seen
    bool refused = false;
};

LimitedTcpServer::LimitedTcpServer(ConnectionLimits limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits) {}

LimitedTcpServer::~LimitedTcpServer() = default;

void LimitedTcpServer::markBusy(QObject *socket) {
    if (socket)
        socket->setProperty(kBusyProperty, socket->property(kBusyProperty).toInt() + 1);
}

void LimitedTcpServer::markIdle(QObject *socket) {
    if (!socket)
        return;
    const int busy = qMax(0, socket->property(kBusyProperty).toInt() - 1);
    socket->setProperty(kBusyProperty, busy);
    auto *tcp = qobject_cast<QTcpSocket *>(socket);
    if (busy == 0 && tcp && closesWhenIdle(tcp))
        tcp->disconnectFromHost(); // flushes what is queued, then closes
}

void LimitedTcpServer::closeWhenIdle(QObject *socket) {
    if (socket)
        socket->setProperty(kCloseProperty, true);
}

bool LimitedTcpServer::closesWhenIdle(const QObject *socket) {
    return socket && socket->property(kCloseProperty).toBool();
}

bool LimitedTcpServer::isHttp10(const QObject *socket) {
    return socket && socket->property(kHttp10Property).toBool();
}

void LimitedTcpServer::incomingConnection(qintptr descriptor) {
    QTcpSocket *socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_open >= m_limits.maxConnections) {
        // Answer rather than reset, so a client learns why (in clear text even on a TLS port:
        // a handshake would cost more than the refusal is worth).
        socket->write(plainAnswer(503, "Service Unavailable", "too many open connections"));
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        return;
    }
    ++m_open;
    // Answers are written in pieces (head, then body); Nagle would hold the later pieces back
    // until the client's delayed ACK, adding up to 40 ms per request.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    armIdleTimer(socket);
    GateState *gate = armRequestGate(socket);
    if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
        ssl->setSslConfiguration(*m_tls);
        connect(ssl, &QSslSocket::encrypted, this, [this, ssl, gate] { handOver(ssl, gate); });
        connect(ssl, &QSslSocket::sslErrors, ssl, [ssl] { ssl->abort(); });
        ssl->startServerEncryption();
        return;
    }
    handOver(socket, gate);
}

void LimitedTcpServer::handOver(QTcpSocket *socket, GateState *gate) {
    addPendingConnection(socket); // QHttpServer connects its readyRead handler here
    // Runs after the server has read: what it left unread the gate has already seen.
    connect(socket, &QTcpSocket::readyRead, gate,
            [socket, gate] { gate->unreadSeen = socket->bytesAvailable(); });
}

GateState *LimitedTcpServer::armRequestGate(QTcpSocket *socket) {
    auto *state = new GateState({m_limits.maxBodyBytes, m_limits.maxHeadBytes}, socket);
    // Connected before the server's handler, so it sees every byte first.
    connect(socket, &QTcpSocket::readyRead, state, [socket, state] {
        const qint64 available = socket->bytesAvailable();
        if (state->refused) {
            socket->read(available); // drain and drop: the answer is already sent
            return;
        }
        if (available <= state->unreadSeen)
            return;
        const QByteArray fresh = socket->peek(available).mid(state->unreadSeen);
        state->unreadSeen = available;
        const auto verdict = state->framing.feed(fresh, [socket](const RequestFraming::Head &head) {
            socket->setProperty(kHttp10Property, head.http10);
            if (head.closeAfter)
                closeWhenIdle(socket);
            if (head.expectContinue && (head.contentLength > 0 || head.chunked))
                socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        });
        if (verdict == RequestFraming::Verdict::Fine)
            return;
        state->refused = true;
        if (verdict == RequestFraming::Verdict::BodyTooLarge)
            socket->write(plainAnswer(413, "Payload Too Large", "request body over --max-body"));
        else if (verdict == RequestFraming::Verdict::HeadTooLarge)
            socket->write(
                plainAnswer(431, "Request Header Fields Too Large", "request head too large"));
        else
            socket->write(plainAnswer(400, "Bad Request", "malformed request framing"));
        socket->read(available); // the server must never see this request
        QTimer::singleShot(kLingerMs, socket, [socket] { socket->disconnectFromHost(); });
    });
    return state;
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
