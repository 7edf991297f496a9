#include "registry/EtcdGateway.h"

#include "net/HttpClient.h"
#include "registry/EtcdCodec.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace lmcf {

namespace {

QNetworkRequest jsonPost(QUrl url, const QByteArray &path) {
    url.setPath(QString::fromLatin1(path));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    return request;
}

EtcdGateway::Answer answerFrom(const HttpResult &result, const QUrl &endpoint) {
    EtcdGateway::Answer answer;
    answer.reached = result.status != 0;
    answer.status = result.status;
    answer.body = result.body;
    if (!answer.reached)
        answer.error = endpoint.authority() + u": "_s + result.error;
    else if (!answer.ok()) {
        const auto error = EtcdCodec::parseError(result.body);
        answer.error = error ? error->message : u"HTTP %1"_s.arg(result.status);
    }
    return answer;
}

} // namespace

EtcdGateway::EtcdGateway(QList<QUrl> endpoints, QObject *parent)
    : QObject(parent)
    , m_endpoints(std::move(endpoints))
    , m_client(std::make_unique<HttpClient>(nullptr, 1))
    , m_watchManager(new QNetworkAccessManager(this)) {
    Q_ASSERT(!m_endpoints.isEmpty());
}

EtcdGateway::~EtcdGateway() {
    stopWatch();
}

void EtcdGateway::call(const QByteArray &path, const QByteArray &body, QObject *context,
                       Callback done) {
    attempt(path, body, context, done, int(m_endpoints.size()));
}

void EtcdGateway::attempt(const QByteArray &path, const QByteArray &body, QObject *context,
                          const Callback &done, int triesLeft) {
    const int index = m_current;
    const QUrl endpoint = m_endpoints.value(index);
    HttpRequestOptions options;
    options.timeoutMs = m_timeoutMs;
    // The gateway is the request's context (a callback must never reach a destroyed gateway);
    // the caller's context is checked when the answer comes.
    Q_ASSERT(context);
    QPointer<QObject> guard(context);
    m_client->send(jsonPost(endpoint, path), QByteArrayLiteral("POST"), body, options, this,
                   [=, this](const HttpResult &result) {
                       if (!guard)
                           return;
                       if (result.status == 0) {
                           skip(index);
                           if (triesLeft > 1) {
                               attempt(path, body, guard, done, triesLeft - 1);
                               return;
                           }
                       }
                       done(answerFrom(result, endpoint));
                   });
}

void EtcdGateway::skip(int index) {
    if (index == m_current)
        m_current = (m_current + 1) % int(m_endpoints.size());
}

void EtcdGateway::watch(const QByteArray &request) {
    stopWatch();
    m_watchEndpoint = m_current;
    QNetworkReply *reply = m_watchManager->post(
        jsonPost(m_endpoints.value(m_current), QByteArrayLiteral("/v3/watch")), request);
    m_watch = reply;
    connect(reply, &QNetworkReply::readyRead, this, &EtcdGateway::readWatchLines);
    connect(reply, &QNetworkReply::finished, this, &EtcdGateway::watchFinished);
}

void EtcdGateway::stopWatch() {
    if (!m_watch)
        return;
    QNetworkReply *reply = m_watch;
    m_watch.clear();
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

void EtcdGateway::readWatchLines() {
    // A signal handler may stop the watch (and so delete nothing yet, but clear m_watch).
    QPointer<QNetworkReply> reply = m_watch;
    while (reply && reply == m_watch && reply->canReadLine()) {
        const QByteArray line = reply->readLine().trimmed();
        if (!line.isEmpty())
            Q_EMIT watchLine(line);
    }
}

void EtcdGateway::watchFinished() {
    readWatchLines();
    QNetworkReply *reply = m_watch;
    if (!reply)
        return;
    m_watch.clear();
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString member = m_endpoints.value(m_watchEndpoint).authority();
    QString why = member + u": etcd closed the watch stream (HTTP %1)"_s.arg(status);
    if (reply->error() != QNetworkReply::NoError) {
        // Refused, reset or broken mid-stream: the member is gone, try the next one.
        skip(m_watchEndpoint);
        why = member + u": "_s + reply->errorString();
    }
    Q_EMIT watchEnded(why);
}

} // namespace lmcf
