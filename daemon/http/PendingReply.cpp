#include "http/PendingReply.h"

#include "http/LimitedTcpServer.h"

#include <QJsonObject>

namespace lmcf {

namespace {
//! How much of a paced body is queued on the socket at a time.
constexpr qsizetype kPiece = 256 * 1024;

//! Content-Type and Content-Length of a body sent whole, then the caller's headers.
PendingReply::Headers wholeBodyHeaders(qsizetype bodySize, const QByteArray &contentType,
                                       const PendingReply::Headers &extraHeaders) {
    PendingReply::Headers headers{
        {QByteArrayLiteral("Content-Type"), contentType},
        {QByteArrayLiteral("Content-Length"), QByteArray::number(bodySize)}};
    headers += extraHeaders;
    return headers;
}

QHttpServerResponder::StatusCode toStatus(int status) {
    return static_cast<QHttpServerResponder::StatusCode>(status);
}
} // namespace

PendingReply::PendingReply(QHttpServerResponder &&responder)
    : m_responder(std::move(responder))
    , m_socket(m_responder.socket()) {
    LimitedTcpServer::markBusy(m_socket);
    if (m_socket) {
        m_disconnectWatch = QObject::connect(m_socket, &QTcpSocket::disconnected, m_socket, [this] {
            if (!m_finished && m_clientGone) {
                auto callback = std::move(m_clientGone);
                m_clientGone = nullptr;
                callback();
            }
        });
    }
}

PendingReply::PendingReply(QHttpServerResponder &&responder, const QHttpServerRequest &request)
    : PendingReply(std::move(responder)) {
    m_headRequest = request.method() == QHttpServerRequest::Method::Head;
}

PendingReply::~PendingReply() {
    QObject::disconnect(m_disconnectWatch);
    if (!m_finished) {
        LimitedTcpServer::markIdle(m_socket);
        if (m_completed)
            m_completed(0);
    }
}

std::shared_ptr<PendingReply> PendingReply::make(QHttpServerResponder &&responder) {
    return std::make_shared<PendingReply>(std::move(responder));
}

std::shared_ptr<PendingReply> PendingReply::make(QHttpServerResponder &&responder,
                                                 const QHttpServerRequest &request) {
    return std::make_shared<PendingReply>(std::move(responder), request);
}

void PendingReply::closeConnectionAfter() {
    LimitedTcpServer::closeWhenIdle(m_socket);
}

bool PendingReply::clientIsHttp10() const {
    return LimitedTcpServer::isHttp10(m_socket);
}

void PendingReply::writeHead(int status, const Headers &headers) {
    m_responder.writeStatusLine(toStatus(status));
    for (const auto &[name, value] : headers)
        m_responder.writeHeader(name, value);
    if (LimitedTcpServer::closesWhenIdle(m_socket))
        m_responder.writeHeader(QByteArrayLiteral("Connection"), QByteArrayLiteral("close"));
}

bool PendingReply::canWrite() const {
    return !m_finished && m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void PendingReply::onClientGone(std::function<void()> callback) {
    m_clientGone = std::move(callback);
}

void PendingReply::onComplete(std::function<void(int status)> callback) {
    m_completed = std::move(callback);
}

void PendingReply::complete() {
    if (m_finished)
        return;
    m_finished = true;
    m_clientGone = nullptr;
    LimitedTcpServer::markIdle(m_socket);
    if (m_completed)
        std::exchange(m_completed, nullptr)(m_status);
}

void PendingReply::send(int status, const QByteArray &body, const QByteArray &contentType,
                        const Headers &extraHeaders) {
    if (!canWrite()) {
        complete();
        return;
    }
    m_status = status;
    writeHead(status, wholeBodyHeaders(body.size(), contentType, extraHeaders));
    m_responder.writeBody(m_headRequest ? QByteArray() : body);
    complete();
}

void PendingReply::sendPaced(const std::shared_ptr<PendingReply> &reply, int status,
                             const QByteArray &body, const QByteArray &contentType,
                             const Headers &extraHeaders) {
    sendPaced(reply, status, QList<QByteArray>{body}, contentType, extraHeaders);
}

void PendingReply::sendPaced(const std::shared_ptr<PendingReply> &reply, int status,
                             const QList<QByteArray> &body, const QByteArray &contentType,
                             const Headers &extraHeaders) {
    qsizetype size = 0;
    for (const QByteArray &part : body)
        size += part.size();
    if (size <= 4 * kPiece || reply->m_headRequest || !reply->canWrite()) {
        reply->send(status, body.size() == 1 ? body.front() : body.join(), contentType,
                    extraHeaders);
        return;
    }
    reply->startStream(status, wholeBodyHeaders(size, contentType, extraHeaders));
    auto at = std::make_shared<std::pair<qsizetype, qsizetype>>(0, 0); // part, offset in it
    auto drained = std::make_shared<QMetaObject::Connection>();
    // Refills the socket up to one piece; the connection (and so `reply`) lives until the last
    // piece is queued or the socket is gone.
    const auto pump = [reply, body, at, drained] {
        auto &[part, offset] = *at;
        while (reply->canWrite() && part < body.size() && reply->bytesQueued() < kPiece) {
            const QByteArray &text = body[part];
            const qsizetype size = std::min(kPiece, text.size() - offset);
            if (size > 0)
                reply->writeBody(QByteArray::fromRawData(text.constData() + offset, size));
            offset += size;
            if (offset >= text.size()) {
                ++part;
                offset = 0;
            }
        }
        if (part >= body.size() || !reply->canWrite()) {
            QObject::disconnect(*drained);
            reply->finish();
        }
    };
    *drained = QObject::connect(reply->m_socket, &QTcpSocket::bytesWritten, reply->m_socket, pump);
    pump();
}

void PendingReply::sendJson(int status, const QJsonDocument &json, const Headers &extraHeaders) {
    send(status, json.toJson(QJsonDocument::Compact), QByteArrayLiteral("application/json"),
         extraHeaders);
}

void PendingReply::sendError(int status, const QString &detail) {
    sendJson(status, QJsonDocument(QJsonObject{{QStringLiteral("detail"), detail}}));
}

void PendingReply::startStream(int status, const Headers &headers) {
    if (!canWrite())
        return;
    m_status = status;
    writeHead(status, headers);
}

void PendingReply::writeBody(const QByteArray &piece) {
    if (canWrite())
        m_responder.writeBody(m_headRequest ? QByteArray() : piece);
}

void PendingReply::finish() {
    complete();
}

qint64 PendingReply::bytesQueued() const {
    return m_socket ? m_socket->bytesToWrite() : 0;
}

} // namespace lmcf
