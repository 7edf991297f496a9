#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

class QNetworkReply;
class QTimer;

namespace lmcf {

class PendingReply;

//! One request in flight through the proxy: streams the node's answer to the client with
//! back-pressure (the node is read only while the client keeps up), applies the connect and
//! read timeouts, maps transport failures to JSON errors, and aborts the node request when the
//! client leaves. Deletes itself when done; `done` gets the status sent (0: client gone).
class ProxyExchange final : public QObject {
    Q_OBJECT
public:
    struct Settings {
        QString nodeName;
        int connectTimeoutMs = 5000;
        int readTimeoutMs = 60000;
        bool headRequest = false;
        bool clientHttp10 = false;
    };

    ProxyExchange(QNetworkReply *upstream, std::shared_ptr<PendingReply> client, Settings settings,
                  std::function<void(int status)> done, QObject *parent = nullptr);
    ~ProxyExchange() override;

private:
    void sendHead();
    void pump();
    void upstreamFinished();
    void timedOut();
    void fail(int status, const QString &detail);
    void end(int status);
    void abortUpstream();
    void enterReadPhase();

    QPointer<QNetworkReply> m_upstream;
    std::shared_ptr<PendingReply> m_client;
    Settings m_settings;
    std::function<void(int)> m_done;
    QTimer *m_timer;
    int m_status = 0;
    bool m_readPhase = false;
    bool m_headSent = false;
    bool m_chunked = false;
    bool m_upstreamDone = false;
    bool m_timedOut = false;
    bool m_ended = false;
};

} // namespace lmcf
