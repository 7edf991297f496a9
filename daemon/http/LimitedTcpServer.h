#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

class QTcpSocket;

namespace lmcf {

struct GateState;

//! Limits Qt 6.4's HTTP server does not apply by itself (qt64-notes): a cap on concurrent
//! connections, an idle timeout, a request body budget, `Expect: 100-continue`, and closing
//! after `Connection: close` / HTTP/1.0 requests. Sockets are created here, armed, then handed
//! to the QHttpServer that was bound to this server (after the TLS handshake when TLS is on).
struct ConnectionLimits {
    int maxConnections = 1024; //!< over the cap a new connection gets 503 and is closed
    int idleTimeoutMs = 60000; //!< no bytes either way and no reply pending → closed
    qint64 maxBodyBytes = 64LL * 1024 * 1024; //!< larger request bodies get 413 before buffering
    qint64 maxHeadBytes = 64 * 1024;          //!< larger request heads get 431
};

class LimitedTcpServer final : public QTcpServer {
    Q_OBJECT
public:
    explicit LimitedTcpServer(ConnectionLimits limits, QObject *parent = nullptr);
    ~LimitedTcpServer() override;

    int openConnections() const { return m_open; }
    //! Serve HTTPS with `configuration` (certificate and key set) for connections from now on.
    void setTls(const QSslConfiguration &configuration) { m_tls = configuration; }
    bool isTls() const { return m_tls.has_value(); }

    //! A reply in progress keeps its connection from idling out (PendingReply calls these).
    static void markBusy(QObject *socket);
    static void markIdle(QObject *socket);
    //! Close the connection once no reply is pending (Connection: close, HTTP/1.0, or a body
    //! delimited by the end of the connection).
    static void closeWhenIdle(QObject *socket);
    static bool closesWhenIdle(const QObject *socket);
    //! True when the connection's latest request was HTTP/1.0.
    static bool isHttp10(const QObject *socket);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void armIdleTimer(QTcpSocket *socket);
    GateState *armRequestGate(QTcpSocket *socket);
    void handOver(QTcpSocket *socket, GateState *gate);

    ConnectionLimits m_limits;
    std::optional<QSslConfiguration> m_tls;
    int m_open = 0;
};

} // namespace lmcf
