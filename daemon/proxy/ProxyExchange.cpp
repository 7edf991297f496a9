#include "proxy/ProxyExchange.h"

#include "http/PendingReply.h"
#include "proxy/ForwardingHeaders.h"

#include <QNetworkReply>
#include <QTimer>

namespace lmcf {

namespace {
constexpr qint64 kPiece = 64 * 1024;            // read from the node per write
constexpr qint64 kClientHighWater = 256 * 1024; // queued for the client before we pause

bool noBodyStatus(int status) {
    return status == 204 || status == 304 || (status >= 100 && status < 200);
}
} // namespace

ProxyExchange::ProxyExchange(QNetworkReply *upstream, std::shared_ptr<PendingReply> client,
                             Settings settings, std::function<void(int)> done, QObject *parent)
    : QObject(parent)
    , m_upstream(upstream)
    , m_client(std::move(client))
    , m_settings(std::move(settings))
    , m_done(std::move(done))
    , m_timer(new QTimer(this)) {
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ProxyExchange::timedOut);
    m_timer->start(m_settings.connectTimeoutMs);

    connect(upstream, &QNetworkReply::requestSent, this, &ProxyExchange::enterReadPhase);
    connect(upstream, &QNetworkReply::metaDataChanged, this, &ProxyExchange::sendHead);
    connect(upstream, &QNetworkReply::readyRead, this, &ProxyExchange::pump);
    connect(upstream, &QNetworkReply::finished, this, &ProxyExchange::upstreamFinished);
    if (QTcpSocket *socket = m_client->socket())
        connect(socket, &QTcpSocket::bytesWritten, this, &ProxyExchange::pump);
    m_client->onClientGone([this] {
        end(0);
        abortUpstream();
    });
}

ProxyExchange::~ProxyExchange() {
    if (m_upstream) {
        m_upstream->disconnect(this);
        m_upstream->abort();
        m_upstream->deleteLater();
    }
}

void ProxyExchange::enterReadPhase() {
    if (m_ended)
        return;
    m_readPhase = true;
    m_timer->start(m_settings.readTimeoutMs);
}

void ProxyExchange::sendHead() {
    if (m_headSent || m_ended || !m_upstream)
        return;
    const QVariant statusAttribute =
        m_upstream->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid())
        return;
    enterReadPhase();
    m_status = statusAttribute.toInt();
    m_headSent = true;

    ForwardingHeaders::Headers raw;
    for (const auto &[name, value] : m_upstream->rawHeaderPairs()) {
        // QNAM joins repeated Set-Cookie headers with '\n'; a client needs them apart.
        for (const QByteArray &part : value.split('\n'))
            raw.append({name, part});
    }
    ForwardingHeaders::Headers headers = ForwardingHeaders::toClient(raw);
    const QVariant length = m_upstream->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid()) {
        headers.append(
            {QByteArrayLiteral("Content-Length"), QByteArray::number(length.toLongLong())});
    } else if (!m_settings.headRequest && !noBodyStatus(m_status)) {
        if (m_settings.clientHttp10) {
            m_client->closeConnectionAfter(); // HTTP/1.0: the body ends when we close
        } else {
            m_chunked = true;
            headers.append({QByteArrayLiteral("Transfer-Encoding"), QByteArrayLiteral("chunked")});
        }
    }
    m_client->startStream(m_status, headers);
    pump();
}

void ProxyExchange::pump() {
    if (!m_headSent || m_ended || !m_upstream)
        return;
    if (!m_client->canWrite()) {
        end(0);
        abortUpstream();
        return;
    }
    if (m_readPhase && m_upstream->bytesAvailable() > 0)
        m_timer->start(m_settings.readTimeoutMs);
    while (m_client->bytesQueued() < kClientHighWater && m_upstream->bytesAvailable() > 0) {
        const QByteArray piece = m_upstream->read(kPiece);
        if (piece.isEmpty())
            break;
        if (m_chunked)
            m_client->writeBody(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
        else
            m_client->writeBody(piece);
    }
    if (!m_upstreamDone || m_upstream->bytesAvailable() > 0)
        return;
    if (m_upstream->error() != QNetworkReply::NoError &&
        m_upstream->error() < QNetworkReply::ContentAccessDenied && !m_timedOut) {
        // The node broke off mid-body: the client must see a truncated answer, not a whole one.
        end(m_status);
        if (QTcpSocket *socket = m_client->socket())
            socket->abort();
        return;
    }
    if (m_chunked)
        m_client->writeBody(QByteArrayLiteral("0\r\n\r\n"));
    else
        m_client->writeBody(QByteArray());
    m_client->finish();
    end(m_status);
}

void ProxyExchange::upstreamFinished() {
    if (m_ended || !m_upstream)
        return;
    m_upstreamDone = true;
    if (!m_headSent) {
        sendHead();
        if (!m_headSent) {
            const auto error = m_upstream->error();
            if (error == QNetworkReply::ConnectionRefusedError)
                fail(502,
                     QStringLiteral("node %1 refused the connection").arg(m_settings.nodeName));
            else
                fail(502, QStringLiteral("node %1 unreachable: %2")
                              .arg(m_settings.nodeName, m_upstream->errorString()));
            return;
        }
    }
    pump();
}

void ProxyExchange::timedOut() {
    if (m_ended)
        return;
    m_timedOut = true;
    abortUpstream();
    if (m_headSent) {
        // Too late for a status line: cut the client off so it sees a truncated answer.
        end(504);
        if (QTcpSocket *socket = m_client->socket())
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

void ProxyExchange::abortUpstream() {
    if (!m_upstream)
        return;
    m_upstream->disconnect(this);
    m_upstream->abort();
}

void ProxyExchange::fail(int status, const QString &detail) {
    m_client->sendError(status, detail);
    end(status);
}

void ProxyExchange::end(int status) {
    if (m_ended)
        return;
    m_ended = true;
    m_timer->stop();
    if (m_done)
        m_done(status);
    deleteLater();
}

} // namespace lmcf
