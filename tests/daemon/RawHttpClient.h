#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QSslSocket>

#include <optional>

namespace lmcf::test {

//! One HTTP response as read off the wire.
struct RawResponse {
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;    //!< de-chunked
    QList<int> interim; //!< 1xx statuses seen before this response
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
};

//! A byte-level HTTP client on one connection, for tests that need exact requests (HTTP/1.0,
//! forged headers, 100-continue) and to see exactly what came back. Waits by processing
//! events, so an in-process server keeps running.
class RawHttpClient final {
public:
    explicit RawHttpClient(quint16 port, bool tls = false);
    ~RawHttpClient();

    bool isConnected() const;
    void send(const QByteArray &bytes);
    //! The next complete response (interim 1xx collected into it), or nothing on timeout.
    std::optional<RawResponse> readResponse(int timeoutMs = 5000, bool headRequest = false);
    //! True once the server closed the connection (within `timeoutMs`).
    bool waitClosed(int timeoutMs = 5000);
    QSslSocket &socket() { return m_socket; }

private:
    std::optional<RawResponse> parse(bool headRequest, bool closed);

    QSslSocket m_socket;
    QByteArray m_buffer;
};

} // namespace lmcf::test
