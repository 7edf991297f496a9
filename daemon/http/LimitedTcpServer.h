#pragma once

#include <QTcpServer>

namespace lmcf {

//! Limits Qt 6.4's HTTP server does not apply by itself (qt64-notes): a cap on concurrent
//! connections and an idle timeout. Sockets are created here, armed, then handed to the
//! QHttpServer that was bound to this server.
struct ConnectionLimits {
    int maxConnections = 1024; //!< over the cap a new connection gets 503 and is closed
    int idleTimeoutMs = 60000; //!< no bytes either way and no reply pending → closed
};

class LimitedTcpServer final : public QTcpServer {
    Q_OBJECT
public:
    explicit LimitedTcpServer(ConnectionLimits limits, QObject *parent = nullptr);
    ~LimitedTcpServer() override;

    int openConnections() const { return m_open; }

    //! A reply in progress keeps its connection from idling out (PendingReply calls these).
    static void markBusy(QObject *socket);
    static void markIdle(QObject *socket);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void armIdleTimer(class QTcpSocket *socket);

    ConnectionLimits m_limits;
    int m_open = 0;
};

} // namespace lmcf
