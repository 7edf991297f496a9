#include "proxy/ProxyExchange.h"

#include "http/PendingReply.h"
#include "proxy/ForwardingHeaders.h"
#include "proxy/UpstreamConnection.h"
#include "proxy/UpstreamPool.h"

#include <QTimer>

namespace lmcf {

namespace {
constexpr qint64 kClientHighWater = 256 * 1024; // queued for the client before the node pauses
constexpr qint64 kClientLowWater = 64 * 1024;

bool noBodyStatus(int status) {
    return status == 204 || status == 304 || (status >= 100 && status < 200);
}
} // namespace

ProxyExchange::ProxyExchange(UpstreamPool &pool, std::shared_ptr<PendingReply> client,
                             Settings settings, std::function<void(int)> done, QObject *parent)
    : QObject(parent)
    , m_pool(&pool)
    , m_client(std::move(client))
    , m_settings(std::move(settings))
    , m_done(std::move(done))
    , m_timer(new QTimer(this)) {
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ProxyExchange::timedOut);
    if (QTcpSocket *socket = m_client->socket())
        connect(socket, &QTcpSocket::bytesWritten, this, &ProxyExchange::clientDrained);
    m_client->onClientGone([this] { end(0); });
    send(false);
}

ProxyExchange::~ProxyExchange() {
    releaseConnection(false);
}

void ProxyExchange::send(bool fresh) {
    m_readPhase = false;
    m_timer->start(m_settings.connectTimeoutMs);
    m_connection = m_pool->acquire(m_settings.baseUrl, fresh);
    UpstreamConnection::Handler handler;
    // Connected (or reusing a live link): from here on the node gets the read timeout, renewed
    // while the request body is still going out.
    handler.progress = [this] { enterReadPhase(); };
    handler.head = [this](const UpstreamConnection::Response &response) {
        sendHead(response.status, response.headers, response.contentLength);
    };
    handler.body = [this](const QByteArray &piece) { forwardBody(piece); };
    handler.done = [this](bool complete, const QString &error) { upstreamDone(complete, error); };
    m_connection->start(m_settings.requestHead, m_settings.requestBody, m_settings.headRequest,
                        std::move(handler));
}

void ProxyExchange::enterReadPhase() {
    if (m_ended)
        return;
    m_readPhase = true;
    m_timer->start(m_settings.readTimeoutMs);
}

void ProxyExchange::sendHead(int status, QList<QPair<QByteArray, QByteArray>> headers,
                             qint64 length) {
    if (m_ended)
        return;
    enterReadPhase();
    m_status = status;
    m_headSent = true;
    headers = ForwardingHeaders::toClient(headers);
    if (length >= 0) {
        headers.append({QByteArrayLiteral("Content-Length"), QByteArray::number(length)});
    } else if (!m_settings.headRequest && !noBodyStatus(status)) {
        if (m_settings.clientHttp10) {
            m_client->closeConnectionAfter(); // HTTP/1.0: the body ends when we close
        } else {
            m_chunked = true;
            headers.append({QByteArrayLiteral("Transfer-Encoding"), QByteArrayLiteral("chunked")});
        }
    }
    m_client->startStream(status, headers);
}

void ProxyExchange::forwardBody(const QByteArray &piece) {
    if (m_ended)
        return;
    m_timer->start(m_settings.readTimeoutMs);
    if (m_chunked)
        m_client->writeBody(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
    else
        m_client->writeBody(piece);
    if (m_client->bytesQueued() > kClientHighWater && m_connection) {
        m_paused = true;
        m_connection->pause();
    }
}

void ProxyExchange::clientDrained() {
    if (m_ended || !m_paused || m_client->bytesQueued() > kClientLowWater)
        return;
    m_timer->start(m_settings.readTimeoutMs); // a slow but moving client is not a dead node
    m_paused = false;
    if (m_connection)
        m_connection->resume();
}

void ProxyExchange::upstreamDone(bool complete, const QString &error) {
    if (m_ended)
        return;
    if (complete) {
        if (!m_headSent)
            return fail(502, QStringLiteral("node %1 sent no answer").arg(m_settings.nodeName));
        if (m_chunked)
            m_client->writeBody(QByteArrayLiteral("0\r\n\r\n"));
        else
            m_client->writeBody(QByteArray());
        m_client->finish();
        releaseConnection(true);
        return end(m_status);
    }
    const bool stale = m_connection && m_connection->wasReused() && !m_connection->receivedAnswer();
    const bool refused = m_connection && m_connection->refused();
    releaseConnection(false);
    if (m_headSent) {
        // The node broke off mid-body: the client must see a truncated answer, not a whole one.
        const int status = m_status;
        QPointer<QTcpSocket> socket = m_client->socket();
        end(status);
        if (socket)
            socket->abort();
        return;
    }
    if (stale && m_settings.retryable && !m_retried) {
        m_retried = true; // the node closed a kept-alive connection as we reused it
        return send(true);
    }
    if (refused)
        return fail(502, QStringLiteral("node %1 refused the connection").arg(m_settings.nodeName));
    fail(502, QStringLiteral("node %1 unreachable: %2").arg(m_settings.nodeName, error));
}

void ProxyExchange::timedOut() {
    if (m_ended)
        return;
    releaseConnection(false);
    if (m_headSent) {
        // Too late for a status line: cut the client off so it sees a truncated answer.
        QPointer<QTcpSocket> socket = m_client->socket();
        end(504);
        if (socket)
            socket->abort();
        return;
    }
    if (m_readPhase)
        fail(504, QStringLiteral("node %1 did not answer within %2 s")
                      .arg(m_settings.nodeName)
                      .arg(m_settings.readTimeoutMs / 1000.0));
    else
        fail(504, QStringLiteral("connect to node %1 timed out after %2 s")
                      .arg(m_settings.nodeName)
                      .arg(m_settings.connectTimeoutMs / 1000.0));
}

void ProxyExchange::fail(int status, const QString &detail) {
    m_client->sendError(status, detail);
    end(status);
}

void ProxyExchange::releaseConnection(bool keep) {
    UpstreamConnection *connection = std::exchange(m_connection, nullptr);
    if (!connection)
        return;
    if (!keep)
        connection->abandon();
    if (m_pool)
        m_pool->release(connection);
    else
        connection->deleteLater();
}

void ProxyExchange::end(int status) {
    if (m_ended)
        return;
    m_ended = true;
    m_timer->stop();
    releaseConnection(false);
    if (m_done)
        m_done(status);
    deleteLater();
}

} // namespace lmcf
