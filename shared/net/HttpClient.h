#pragma once

#include "net/HttpResult.h"

#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace lmcf {

//! Per-request limits. A request that exceeds either ends with an error result, never hangs.
struct HttpRequestOptions {
    int timeoutMs = 5000;                         //!< whole request, connect included
    qint64 maxResponseBytes = 64LL * 1024 * 1024; //!< larger answers are aborted
};

//! Asynchronous HTTP client over a small pool of QNetworkAccessManagers; each peer (host:port)
//! is pinned to one manager so its keep-alive connections are reused (at most 6 per peer, QNAM's
//! limit: fine for scraping and REST; the proxy has its own pool). Lives in one thread.
//! Redirects are not followed. Every call ends with exactly one callback, on this thread,
//! unless `context` is destroyed first (then the request is aborted and no callback runs).
class HttpClient final : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const HttpResult &)>;

    explicit HttpClient(QObject *parent = nullptr, int poolSize = 4);
    ~HttpClient() override;

    //! GET `url`. Returns the reply so the caller may abort() it (the callback then reports it).
    QNetworkReply *get(const QUrl &url, const HttpRequestOptions &options, QObject *context,
                       Callback done);

    //! Any method with an optional body.
    QNetworkReply *send(QNetworkRequest request, const QByteArray &method, const QByteArray &body,
                        const HttpRequestOptions &options, QObject *context, Callback done);

private:
    QNetworkAccessManager *managerFor(const QUrl &url);

    std::vector<QNetworkAccessManager *> m_managers;
};

} // namespace lmcf
