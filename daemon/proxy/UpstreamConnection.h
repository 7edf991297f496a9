#pragma once

#include "proxy/ForwardingHeaders.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>

#include <functional>

namespace lmcf {

//! One keep-alive HTTP/1.1 connection to a node, driven on the daemon's own thread (no
//! QNetworkAccessManager thread hops: under load each hop costs a scheduler wake-up). Sends one
//! request at a time and streams the answer back in pieces; pause()/resume() stop reading, and
//! with a bounded socket buffer the node is then held back by TCP flow control.
class UpstreamConnection final : public QObject {
    Q_OBJECT
public:
    struct Response {
        int status = 0;
        ForwardingHeaders::Headers headers;
        qint64 contentLength = -1; //!< -1: not announced
    };
    //! Callbacks for one request. `done(complete, error)`: complete=false is a failure; after
    //! done() the connection is back in its owner's hands.
    struct Handler {
        std::function<void()> progress; //!< connected, or request bytes went out
        std::function<void(const Response &)> head;
        std::function<void(const QByteArray &)> body;
        std::function<void(bool complete, const QString &error)> done;
    };

    UpstreamConnection(QString hostKey, QObject *parent = nullptr);
    ~UpstreamConnection() override;

    //! Connects to `base`'s host and port (TLS for https).
    void open(const QUrl &base);
    //! Sends `head` (request line and headers) and `body` once connected; answers through
    //! `handler`. The body is shared, not copied.
    void start(QByteArray head, QByteArray body, bool headRequest, Handler handler);
    void pause() { m_paused = true; }
    void resume();
    //! The caller gives up (client gone, timeout): no more callbacks, connection closed.
    void abandon();

    const QString &hostKey() const { return m_hostKey; }
    //! Idle, connected and allowed by the node's last answer to carry another request.
    bool isReusable() const;
    //! Had served a request before this one (a silent failure may be a stale keep-alive).
    bool wasReused() const { return m_served > 0; }
    //! Any byte of the current answer arrived.
    bool receivedAnswer() const { return m_received; }
    bool refused() const { return m_refused; }

Q_SIGNALS:
    //! An idle connection closed or misbehaved: its pool drops it.
    void lost(UpstreamConnection *connection);

private:
    enum class State { Idle, Head, Body, ChunkSize, ChunkData, ChunkEnd, Trailer, UntilClose };

    void process();
    void sendPending();
    void reportProgress();
    bool readHead();
    void beginBody(const Response &response, bool chunked, bool noBody);
    bool readChunkLine();
    void deliver(qint64 max);
    void complete();
    void fail(const QString &error);
    void socketClosed();
    void closedWhileActive();

    QString m_hostKey;
    QTcpSocket *m_socket = nullptr;
    Handler m_handler;
    QByteArray m_pendingHead; // request bytes not yet handed to the socket
    QByteArray m_pendingBody;
    QByteArray m_head;
    State m_state = State::Idle;
    qint64 m_remaining = 0;
    int m_served = 0;
    bool m_active = false;
    bool m_paused = false;
    bool m_headRequest = false;
    bool m_keepAlive = true;
    bool m_received = false;
    bool m_refused = false;
    bool m_processing = false;
    bool m_closed = false;
};

} // namespace lmcf
