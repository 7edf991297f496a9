#pragma once

#include <QByteArray>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QTcpSocket>

#include <functional>
#include <memory>

namespace lmcf {

//! The one safe way to answer a request later under Qt 6.4 (qt64-notes): Qt deletes the socket
//! when the client leaves and a plain responder then crashes. A PendingReply watches its socket;
//! every write is a no-op once the client is gone, and `onClientGone` lets the owner abort
//! upstream work. Hold it in a std::shared_ptr to capture it in callbacks.
class PendingReply final {
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit PendingReply(QHttpServerResponder &&responder);
    //! As above; a HEAD `request` gets every answer without its body.
    PendingReply(QHttpServerResponder &&responder, const QHttpServerRequest &request);
    ~PendingReply();
    PendingReply(const PendingReply &) = delete;
    PendingReply &operator=(const PendingReply &) = delete;

    static std::shared_ptr<PendingReply> make(QHttpServerResponder &&responder);
    static std::shared_ptr<PendingReply> make(QHttpServerResponder &&responder,
                                              const QHttpServerRequest &request);

    //! True while the client is connected and no complete answer was sent.
    bool canWrite() const;
    bool isFinished() const { return m_finished; }
    QTcpSocket *socket() const { return m_socket.data(); }

    //! Runs `callback` (once) if the client disconnects before the answer is complete.
    void onClientGone(std::function<void()> callback);
    //! Runs `callback` once when the answer is complete, with its status (0 when the client left
    //! or the reply was dropped before a status line was sent): the hook request counters use.
    void onComplete(std::function<void(int status)> callback);

    //! A whole answer with Content-Length.
    void send(int status, const QByteArray &body, const QByteArray &contentType,
              const Headers &extraHeaders = {});
    //! As send(), for bodies of many megabytes: written in pieces as the socket drains, so the
    //! event loop never stalls copying the whole body and only a piece at a time is queued.
    //! `body` is implicitly shared, not copied. Small bodies and HEAD go through send().
    static void sendPaced(const std::shared_ptr<PendingReply> &reply, int status,
                          const QByteArray &body, const QByteArray &contentType,
                          const Headers &extraHeaders = {});
    //! As above, for a body held in consecutive parts (written in order, none copied whole).
    static void sendPaced(const std::shared_ptr<PendingReply> &reply, int status,
                          const QList<QByteArray> &body, const QByteArray &contentType,
                          const Headers &extraHeaders = {});
    void sendJson(int status, const QJsonDocument &json, const Headers &extraHeaders = {});
    //! `{"detail": "..."}`, the error shape of the original dashboard (spec §2).
    void sendError(int status, const QString &detail);

    //! Streaming: head first (the caller frames the body: Content-Length or chunked), then
    //! body pieces, then finish().
    void startStream(int status, const Headers &headers);
    void writeBody(const QByteArray &piece);
    void finish();

    //! Close the connection after this answer (a body delimited by the connection's end).
    void closeConnectionAfter();
    //! True when the request came as HTTP/1.0 (no chunked framing for it).
    bool clientIsHttp10() const;

    //! Bytes queued on the socket but not yet sent: the back-pressure signal for streaming.
    qint64 bytesQueued() const;

private:
    void complete();
    void writeHead(int status, const Headers &headers);

    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
    bool m_finished = false;
    bool m_headRequest = false;
    std::function<void()> m_clientGone;
    std::function<void(int)> m_completed;
    int m_status = 0;
    QMetaObject::Connection m_disconnectWatch;
};

} // namespace lmcf
