#include "proxy/UpstreamConnection.h"

#include <QSslSocket>
#include <QUrl>

#include <algorithm>

namespace lmcf {

namespace {
constexpr qint64 kSocketBuffer = 256 * 1024; // bounded: a paused answer stops at TCP level
constexpr qint64 kPiece = 64 * 1024;
constexpr qsizetype kMaxHead = 64 * 1024;

bool hasToken(const QByteArray &value, QByteArrayView token) {
    for (const QByteArray &part : value.split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}
struct ParsedHead {
    UpstreamConnection::Response response;
    bool chunked = false;
    bool keepAlive = true;
    bool valid = false;
};

ParsedHead parseHead(const QByteArray &text) {
    ParsedHead head;
    const QList<QByteArray> lines = text.trimmed().split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    head.response.status = statusLine.value(1).toInt();
    head.keepAlive = statusLine.value(0) != "HTTP/1.0";
    bool lengthOk = true;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = lines[i].left(colon).trimmed();
        const QByteArray value = lines[i].mid(colon + 1).trimmed();
        head.response.headers.append({name, value});
        const QByteArray lower = name.toLower();
        if (lower == "content-length")
            head.response.contentLength = value.toLongLong(&lengthOk);
        else if (lower == "transfer-encoding")
            head.chunked = value.toLower().contains("chunked");
        else if (lower == "connection")
            head.keepAlive =
                hasToken(value, "keep-alive") || (head.keepAlive && !hasToken(value, "close"));
    }
    head.valid = statusLine.value(0).startsWith("HTTP/1.") && head.response.status >= 100 &&
                 head.response.status < 1000 && lengthOk && head.response.contentLength >= -1;
    return head;
}

} // namespace

UpstreamConnection::UpstreamConnection(QString hostKey, QObject *parent)
    : QObject(parent)
    , m_hostKey(std::move(hostKey)) {}

UpstreamConnection::~UpstreamConnection() = default;

void UpstreamConnection::open(const QUrl &base) {
    const bool tls = base.scheme() == u"https";
    m_socket = tls ? new QSslSocket(this) : new QTcpSocket(this);
    m_socket->setReadBufferSize(kSocketBuffer);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::readyRead, this, &UpstreamConnection::process);
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (!qobject_cast<QSslSocket *>(m_socket))
            sendPending();
    });
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket)) {
        connect(ssl, &QSslSocket::encrypted, this, &UpstreamConnection::sendPending);
    }
    connect(m_socket, &QTcpSocket::bytesWritten, this, &UpstreamConnection::reportProgress);
    connect(m_socket, &QAbstractSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError e) {
                if (e == QAbstractSocket::ConnectionRefusedError)
                    m_refused = true;
                if (e != QAbstractSocket::RemoteHostClosedError)
                    socketClosed();
            });
    connect(m_socket, &QTcpSocket::disconnected, this, &UpstreamConnection::socketClosed);
    const quint16 port = quint16(base.port(tls ? 443 : 80));
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket))
        ssl->connectToHostEncrypted(base.host(), port);
    else
        m_socket->connectToHost(base.host(), port);
}

bool UpstreamConnection::isReusable() const {
    return !m_active && m_keepAlive && m_socket &&
           m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesAvailable() == 0;
}

void UpstreamConnection::start(QByteArray head, QByteArray body, bool headRequest,
                               Handler handler) {
    m_handler = std::move(handler);
    m_active = true;
    m_paused = false;
    m_received = false;
    m_headRequest = headRequest;
    m_state = State::Head;
    m_head.clear();
    const bool ready = m_socket->state() == QAbstractSocket::ConnectedState &&
                       (!qobject_cast<QSslSocket *>(m_socket) ||
                        static_cast<QSslSocket *>(m_socket)->isEncrypted());
    m_pendingHead = std::move(head);
    m_pendingBody = std::move(body);
    if (ready)
        sendPending();
}

void UpstreamConnection::sendPending() {
    if (m_pendingHead.isEmpty())
        return;
    m_socket->write(std::exchange(m_pendingHead, {}));
    if (!m_pendingBody.isEmpty())
        m_socket->write(std::exchange(m_pendingBody, {}));
    reportProgress();
}

void UpstreamConnection::reportProgress() {
    if (auto progress = m_handler.progress; m_active && progress)
        progress();
}

void UpstreamConnection::resume() {
    m_paused = false;
    process();
}

void UpstreamConnection::abandon() {
    m_handler = {};
    m_active = false;
    m_keepAlive = false;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void UpstreamConnection::process() {
    if (!m_active) {
        if (m_socket->bytesAvailable() > 0) { // a node talking out of turn cannot be trusted
            abandon();
            Q_EMIT lost(this);
        }
        return;
    }
    if (m_processing)
        return;
    m_processing = true;
    while (m_active && !m_paused && m_socket->bytesAvailable() > 0) {
        m_received = true;
        const State before = m_state;
        const qint64 availableBefore = m_socket->bytesAvailable();
        switch (m_state) {
        case State::Head:
            if (!readHead())
                break;
            continue;
        case State::Body:
            deliver(m_remaining);
            if (m_active && m_remaining == 0)
                complete();
            continue;
        case State::ChunkData:
            deliver(m_remaining);
            if (m_remaining == 0)
                m_state = State::ChunkEnd;
            continue;
        case State::ChunkSize:
        case State::ChunkEnd:
        case State::Trailer:
            if (!readChunkLine())
                break;
            continue;
        case State::UntilClose:
            deliver(kPiece);
            continue;
        case State::Idle:
            break;
        }
        if (m_state == before && m_socket->bytesAvailable() == availableBefore)
            break; // need more bytes
    }
    m_processing = false;
    if (m_closed && m_active && !m_paused && m_socket->bytesAvailable() == 0)
        closedWhileActive();
}

bool UpstreamConnection::readHead() {
    while (m_socket->canReadLine()) {
        const QByteArray line = m_socket->readLine(); // sized to the line (a cap preallocates)
        m_head += line;
        if (m_head.size() > kMaxHead) {
            fail(QStringLiteral("answer head too large"));
            return false;
        }
        if (line != "\r\n" && line != "\n")
            continue;
        const ParsedHead head = parseHead(std::exchange(m_head, {}));
        if (!head.valid) {
            fail(QStringLiteral("not a valid HTTP answer"));
            return false;
        }
        if (head.response.status < 200)
            return true; // interim (100 Continue): the real head follows
        m_keepAlive = head.keepAlive;
        Response response = head.response;
        const bool noBody = m_headRequest || response.status == 204 || response.status == 304;
        if (head.chunked && !noBody)
            response.contentLength = -1;
        if (auto onHead = m_handler.head) // a copy, as in deliver()
            onHead(response);
        if (m_active)
            beginBody(response, head.chunked, noBody);
        return m_active;
    }
    return false;
}

void UpstreamConnection::beginBody(const Response &response, bool chunked, bool noBody) {
    if (noBody || (!chunked && response.contentLength == 0)) {
        complete();
    } else if (chunked) {
        m_state = State::ChunkSize;
    } else if (response.contentLength > 0) {
        m_state = State::Body;
        m_remaining = response.contentLength;
    } else {
        m_state = State::UntilClose;
        m_keepAlive = false;
    }
}

bool UpstreamConnection::readChunkLine() {
    if (!m_socket->canReadLine())
        return false;
    const QByteArray line = m_socket->readLine().trimmed();
    if (m_state == State::ChunkEnd) {
        m_state = State::ChunkSize;
        return true;
    }
    if (m_state == State::Trailer) {
        if (line.isEmpty())
            complete();
        return true;
    }
    const qsizetype semicolon = line.indexOf(';');
    bool ok = false;
    const qint64 size = (semicolon < 0 ? line : line.left(semicolon)).toLongLong(&ok, 16);
    if (!ok || size < 0) {
        fail(QStringLiteral("bad chunk in the node's answer"));
        return false;
    }
    m_state = size == 0 ? State::Trailer : State::ChunkData;
    m_remaining = size;
    return true;
}

void UpstreamConnection::deliver(qint64 max) {
    const QByteArray piece = m_socket->read(std::min({max, kPiece, m_socket->bytesAvailable()}));
    if (m_state != State::UntilClose)
        m_remaining -= piece.size();
    // A copy: the callee may end the exchange, which clears m_handler mid-call.
    if (auto body = m_handler.body; !piece.isEmpty() && body)
        body(piece);
}

void UpstreamConnection::complete() {
    m_active = false;
    m_state = State::Idle;
    ++m_served;
    if (auto done = std::exchange(m_handler, {}).done)
        done(true, {});
}

void UpstreamConnection::fail(const QString &error) {
    m_keepAlive = false;
    const bool wasActive = m_active;
    m_active = false;
    m_state = State::Idle;
    if (m_socket)
        m_socket->abort();
    auto done = std::exchange(m_handler, {}).done;
    if (wasActive && done)
        done(false, error);
}

void UpstreamConnection::socketClosed() {
    if (!m_active) {
        m_keepAlive = false;
        Q_EMIT lost(this);
        return;
    }
    m_closed = true;
    m_keepAlive = false;
    process(); // whatever arrived before the close is still delivered (after a pause, later)
}

void UpstreamConnection::closedWhileActive() {
    if (m_state == State::UntilClose) {
        complete();
        return;
    }
    fail(m_refused ? QStringLiteral("connection refused") : m_socket->errorString());
}

} // namespace lmcf
