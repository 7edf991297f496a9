#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QTcpServer>

namespace lmcf::test {

//! A small HTTP/1.1 node stand-in on 127.0.0.1:0 for proxy tests, written on raw sockets so
//! tests see exactly what the proxy sent. Keep-alive; counts accepted connections. Paths:
//!   /big?bytes=N      N bytes with Content-Length, written as the client drains them
//!   /chunked          a chunked answer of three pieces
//!   /slow?ms=N        answers after N ms
//!   /hang             never answers
//!   /redirect         302 to /elsewhere
//!   /cookies          two Set-Cookie headers
//!   /status?code=N    that status with a small body
//!   /close-after      answers with Connection: close, then closes
//!   /http10           an HTTP/1.0 answer delimited by closing the connection
//!   /interim          a 100 Continue before the real answer
//!   anything else     200 with the request echoed back as the body
class TestUpstream final : public QTcpServer {
    Q_OBJECT
public:
    struct Request {
        QByteArray method;
        QByteArray target; //!< exactly as on the request line
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(QByteArrayView name) const;
        bool hasHeader(QByteArrayView name) const;
    };

    explicit TestUpstream(QObject *parent = nullptr);
    ~TestUpstream() override;

    quint16 start(); //!< listens on 127.0.0.1:0, returns the port
    int acceptedConnections() const { return m_accepted; }
    int openConnections() const { return m_open; }
    const QList<Request> &requests() const { return m_requests; }
    Request lastRequest() const { return m_requests.value(m_requests.size() - 1); }
    //! Behave like a node whose keep-alive timer fired just as a request came in: the second
    //! request on any connection is met with a close, not an answer.
    void setDropReusedConnections(bool drop) { m_dropReused = drop; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void serve(class QTcpSocket *socket);
    void answer(QTcpSocket *socket, const Request &request);

    int m_accepted = 0;
    int m_open = 0;
    bool m_dropReused = false;
    QList<Request> m_requests;
};

} // namespace lmcf::test
