#include "RawHttpClient.h"

#include "WaitUntil.h"

namespace lmcf::test {

QByteArray RawResponse::header(QByteArrayView name) const {
    for (const auto &[n, v] : headers) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

bool RawResponse::hasHeader(QByteArrayView name) const {
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

RawHttpClient::RawHttpClient(quint16 port, bool tls) {
    if (tls) {
        m_socket.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        waitUntil([&] { return m_socket.isEncrypted(); }, 5000);
    } else {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        // Until connected or refused; a refusing server may close right after accepting.
        waitUntil(
            [&] {
                m_buffer += m_socket.readAll();
                return m_socket.state() == QAbstractSocket::ConnectedState ||
                       m_socket.state() == QAbstractSocket::UnconnectedState;
            },
            5000);
    }
}

RawHttpClient::~RawHttpClient() {
    m_socket.abort();
}

bool RawHttpClient::isConnected() const {
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

void RawHttpClient::send(const QByteArray &bytes) {
    m_socket.write(bytes);
}

std::optional<RawResponse> RawHttpClient::readResponse(int timeoutMs, bool headRequest) {
    std::optional<RawResponse> response;
    waitUntil(
        [&] {
            m_buffer += m_socket.readAll();
            const bool closed = m_socket.state() != QAbstractSocket::ConnectedState;
            response = parse(headRequest, closed);
            return response.has_value() || (closed && m_socket.bytesAvailable() == 0);
        },
        timeoutMs);
    return response;
}

bool RawHttpClient::waitClosed(int timeoutMs) {
    return waitUntil(
        [&] {
            m_buffer += m_socket.readAll();
            return m_socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
}

std::optional<RawResponse> RawHttpClient::parse(bool headRequest, bool closed) {
    RawResponse response;
    qsizetype at = 0;
    while (true) {
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n", at);
        if (headEnd < 0)
            return std::nullopt;
        const QList<QByteArray> lines = m_buffer.mid(at, headEnd - at).split('\n');
        response.status = lines.first().split(' ').value(1).toInt();
        response.headers.clear();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            response.headers.append(
                {lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
        }
        at = headEnd + 4;
        if (response.status >= 200)
            break;
        response.interim.append(response.status);
    }
    qsizetype end = at;
    if (headRequest || response.status == 204 || response.status == 304) {
        end = at;
    } else if (response.hasHeader("content-length")) {
        end = at + response.header("content-length").toLongLong();
        if (m_buffer.size() < end)
            return std::nullopt;
        response.body = m_buffer.mid(at, end - at);
    } else if (response.header("transfer-encoding").contains("chunked")) {
        qsizetype pos = at;
        while (true) {
            const qsizetype lineEnd = m_buffer.indexOf("\r\n", pos);
            if (lineEnd < 0)
                return std::nullopt;
            const qint64 size = m_buffer.mid(pos, lineEnd - pos).toLongLong(nullptr, 16);
            if (m_buffer.size() < lineEnd + 2 + size + 2)
                return std::nullopt;
            response.body += m_buffer.mid(lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
            if (size == 0)
                break;
        }
        end = pos;
    } else {
        if (!closed)
            return std::nullopt;
        response.body = m_buffer.mid(at);
        end = m_buffer.size();
    }
    m_buffer.remove(0, end);
    return response;
}

} // namespace lmcf::test
