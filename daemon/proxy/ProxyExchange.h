#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QTimer;

namespace lmcf {

class PendingReply;
class UpstreamConnection;
class UpstreamPool;

//! One request in flight through the proxy: sends it over a pooled node connection, streams the
//! answer to the client with back-pressure (the node is read only while the client keeps up),
//! applies the connect and read timeouts, maps transport failures to JSON errors, and drops the
//! node request when the client leaves. Deletes itself when done; `done` gets the status the
//! client saw (0: the client left first).
class ProxyExchange final : public QObject {
    Q_OBJECT
public:
    struct Settings {
        QString nodeName;
        QUrl baseUrl;
        QByteArray requestHead; //!< request line and headers for the node
        QByteArray requestBody;
        int connectTimeoutMs = 5000;
        int readTimeoutMs = 60000;
        bool headRequest = false;
        bool retryable = false; //!< idempotent: may be resent once if a kept-alive link was stale
        bool clientHttp10 = false;
    };

    ProxyExchange(UpstreamPool &pool, std::shared_ptr<PendingReply> client, Settings settings,
                  std::function<void(int status)> done, QObject *parent = nullptr);
    ~ProxyExchange() override;

private:
    void send(bool fresh);
    void enterReadPhase();
    void sendHead(int status, QList<QPair<QByteArray, QByteArray>> headers, qint64 length);
    void forwardBody(const QByteArray &piece);
    void clientDrained();
    void upstreamDone(bool complete, const QString &error);
    void timedOut();
    void fail(int status, const QString &detail);
    void end(int status);
    void releaseConnection(bool keep);

    QPointer<UpstreamPool> m_pool;
    UpstreamConnection *m_connection = nullptr;
    std::shared_ptr<PendingReply> m_client;
    Settings m_settings;
    std::function<void(int)> m_done;
    QTimer *m_timer;
    int m_status = 0;
    bool m_readPhase = false;
    bool m_headSent = false;
    bool m_chunked = false;
    bool m_paused = false;
    bool m_retried = false;
    bool m_ended = false;
};

} // namespace lmcf
