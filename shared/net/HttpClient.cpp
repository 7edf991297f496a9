#include "net/HttpClient.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace lmcf {

namespace {

//! Qt also reports an HTTP error status as an error code (400 as "protocol invalid operation",
//! 404 as "content not found"...): that is a completed transfer. Network-layer codes (< 100) and
//! a protocol failure mean the answer is cut or broken even when a status line already arrived,
//! e.g. the peer closed mid-body or the reply was aborted.
bool isTransferError(QNetworkReply::NetworkError code, int status) {
    if (code == QNetworkReply::NoError)
        return false;
    if (status == 0)
        return true;
    return code < QNetworkReply::ProxyConnectionRefusedError ||
           code == QNetworkReply::ProtocolFailure;
}

} // namespace

HttpClient::HttpClient(QObject *parent, int poolSize)
    : QObject(parent) {
    for (int i = 0; i < qMax(1, poolSize); ++i) {
        auto *manager = new QNetworkAccessManager(this);
        manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_managers.push_back(manager);
    }
}

HttpClient::~HttpClient() = default;

QNetworkAccessManager *HttpClient::managerFor(const QUrl &url) {
    // One peer always goes through the same manager, so its keep-alive connections are reused
    // instead of being opened once per manager.
    const size_t slot = qHash(url.authority()) % m_managers.size();
    return m_managers[slot];
}

QNetworkReply *HttpClient::get(const QUrl &url, const HttpRequestOptions &options, QObject *context,
                               Callback done) {
    return send(QNetworkRequest(url), QByteArrayLiteral("GET"), {}, options, context,
                std::move(done));
}

QNetworkReply *HttpClient::send(QNetworkRequest request, const QByteArray &method,
                                const QByteArray &body, const HttpRequestOptions &options,
                                QObject *context, Callback done) {
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = managerFor(request.url())->sendCustomRequest(request, method, body);

    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    auto timedOut = std::make_shared<bool>(false);
    auto tooLarge = std::make_shared<bool>(false);

    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    timer->start(options.timeoutMs);

    const qint64 maxBytes = options.maxResponseBytes;
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply,
                     [reply, maxBytes, tooLarge](qint64 received, qint64) {
                         if (received > maxBytes && !*tooLarge) {
                             *tooLarge = true;
                             reply->abort();
                         }
                     });

    // If the caller's context dies, the request dies with it and nobody is called back.
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    if (context)
        QObject::connect(context, &QObject::destroyed, reply, &QNetworkReply::abort);

    QObject::connect(
        reply, &QNetworkReply::finished, reply,
        [reply, clock, timedOut, tooLarge, options, guard, hasContext, done = std::move(done)] {
            reply->deleteLater();
            if (hasContext && !guard)
                return;
            HttpResult result;
            result.elapsedMs = clock->elapsed();
            result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            result.headers = reply->rawHeaderPairs();
            result.timedOut = *timedOut;
            if (*timedOut) {
                result.error = QStringLiteral("timed out after %1 ms").arg(options.timeoutMs);
            } else if (*tooLarge) {
                result.error =
                    QStringLiteral("response larger than %1 bytes").arg(options.maxResponseBytes);
            } else if (isTransferError(reply->error(), result.status)) {
                result.error = reply->errorString();
            }
            if (result.error.isEmpty())
                result.body = reply->readAll();
            if (done)
                done(result);
        });
    return reply;
}

} // namespace lmcf
