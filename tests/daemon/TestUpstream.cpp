#include "TestUpstream.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <memory>

namespace lmcf::test {

namespace {
QByteArray response(int status, const QByteArray &body, const QByteArray &extra = {}) {
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: text/plain\r\n" + extra +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray echo(const TestUpstream::Request &request) {
    QByteArray out = request.method + ' ' + request.target + '\n';
    for (const auto &[name, value] : request.headers)
        out += name + ": " + value + '\n';
    return out + '\n' + request.body;
}

// Streams `remaining` bytes as the peer drains them, so a slow reader slows us down.
void streamBig(QTcpSocket *socket, qint64 total) {
    auto remaining = std::make_shared<qint64>(total);
    const QByteArray block(64 * 1024, 'x');
    auto push = [socket, remaining, block] {
        while (*remaining > 0 && socket->bytesToWrite() < 1024 * 1024) {
            const qint64 n = qMin<qint64>(*remaining, block.size());
            socket->write(block.constData(), n);
            *remaining -= n;
        }
    };
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, push);
    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
                  QByteArray::number(total) + "\r\n\r\n");
    push();
}
} // namespace

QByteArray TestUpstream::Request::header(QByteArrayView name) const {
    for (const auto &[n, v] : headers) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

bool TestUpstream::Request::hasHeader(QByteArrayView name) const {
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

TestUpstream::TestUpstream(QObject *parent)
    : QTcpServer(parent) {}

TestUpstream::~TestUpstream() = default;

quint16 TestUpstream::start() {
    listen(QHostAddress::LocalHost, 0);
    return serverPort();
}

void TestUpstream::incomingConnection(qintptr descriptor) {
    auto *socket = new QTcpSocket(this);
    socket->setSocketDescriptor(descriptor);
    ++m_accepted;
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
}

void TestUpstream::serve(QTcpSocket *socket) {
    // One request at a time per connection: head, then Content-Length body.
    while (true) {
        const QByteArray buffered = socket->peek(socket->bytesAvailable());
        const qsizetype headEnd = buffered.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QList<QByteArray> lines = buffered.left(headEnd).split('\n');
        Request request;
        const QList<QByteArray> first = lines.first().trimmed().split(' ');
        request.method = first.value(0);
        request.target = first.value(1);
        qint64 length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            const QByteArray name = lines[i].left(colon).trimmed();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
        }
        if (buffered.size() < headEnd + 4 + length)
            return;
        socket->read(headEnd + 4);
        request.body = socket->read(length);
        const int served = socket->property("served").toInt();
        socket->setProperty("served", served + 1);
        if (m_dropReused && served >= 1) {
            socket->abort();
            return;
        }
        m_requests.append(request);
        answer(socket, request);
    }
}

void TestUpstream::answer(QTcpSocket *socket, const Request &request) {
    const QUrl url = QUrl::fromEncoded(request.target);
    const QUrlQuery query(url);
    const QString path = url.path();
    if (path == u"/big") {
        streamBig(socket, query.queryItemValue(QStringLiteral("bytes")).toLongLong());
    } else if (path == u"/chunked") {
        socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\n\r\n");
    } else if (path == u"/slow") {
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(query.queryItemValue(QStringLiteral("ms")).toInt(), this, [guard] {
            if (guard)
                guard->write(response(200, "slow"));
        });
    } else if (path == u"/hang") {
        // never answers
    } else if (path == u"/redirect") {
        socket->write(response(302, "moved", "Location: /elsewhere\r\n"));
    } else if (path == u"/cookies") {
        socket->write(response(200, "c", "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n"));
    } else if (path == u"/status") {
        socket->write(response(query.queryItemValue(QStringLiteral("code")).toInt(), "status"));
    } else if (path == u"/close-after") {
        socket->write(response(200, "bye", "Connection: close\r\n"));
        socket->disconnectFromHost();
    } else if (path == u"/http10") {
        socket->write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil-close");
        socket->disconnectFromHost();
    } else if (path == u"/interim") {
        socket->write("HTTP/1.1 100 Continue\r\n\r\n" + response(200, "after-interim"));
    } else if (request.method == "HEAD") {
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n");
    } else {
        socket->write(
            response(200, echo(request),
                     "Connection: x-private\r\nX-Private: hop\r\nKeep-Alive: timeout=5\r\n"));
    }
}

} // namespace lmcf::test
