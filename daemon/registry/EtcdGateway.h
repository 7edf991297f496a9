#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace lmcf {

class HttpClient;

//! etcd's v3 JSON HTTP gateway over the listed members (EtcdLocation::endpoints): unary POSTs
//! with a timeout, and one long-lived `/v3/watch` stream read line by line. Calls go to the
//! current member; one that cannot be reached (no HTTP answer) makes the next member current,
//! and a unary call tries each member once before it reports failure.
class EtcdGateway final : public QObject {
    Q_OBJECT
public:
    //! How one unary call ended.
    struct Answer {
        bool reached = false; //!< some member answered over HTTP
        int status = 0;
        QByteArray body;
        //! Empty on a 2xx answer; else the transport error or the gateway's error message.
        QString error;
        bool ok() const { return reached && status >= 200 && status < 300; }
    };
    using Callback = std::function<void(const Answer &)>;

    //! `endpoints` must not be empty (`http://host:port` each).
    explicit EtcdGateway(QList<QUrl> endpoints, QObject *parent = nullptr);
    ~EtcdGateway() override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    //! The member calls go to now.
    QUrl currentEndpoint() const { return m_endpoints.value(m_current); }

    //! POSTs `body` to `path` (e.g. `/v3/kv/put`). Exactly one callback, unless `context` dies
    //! first.
    void call(const QByteArray &path, const QByteArray &body, QObject *context, Callback done);

    //! Opens the watch stream with `request` (EtcdCodec::watchRequest), closing any open one.
    //! Each non-empty line it sends comes as watchLine(); its end as watchEnded().
    void watch(const QByteArray &request);
    //! Closes the stream without a watchEnded().
    void stopWatch();
    bool isWatching() const { return !m_watch.isNull(); }

Q_SIGNALS:
    void watchLine(const QByteArray &line);
    //! The stream ended on its own: `why` says how (never empty).
    void watchEnded(const QString &why);

private:
    void attempt(const QByteArray &path, const QByteArray &body, QObject *context,
                 const Callback &done, int triesLeft);
    //! Moves on from member `index` if it is still the current one.
    void skip(int index);
    void readWatchLines();
    void watchFinished();

    QList<QUrl> m_endpoints;
    int m_current = 0;
    int m_timeoutMs = 2000;
    std::unique_ptr<HttpClient> m_client;
    QNetworkAccessManager *m_watchManager;
    QPointer<QNetworkReply> m_watch;
    int m_watchEndpoint = 0;
};

} // namespace lmcf
