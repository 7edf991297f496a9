#include "net/DaemonClient.h"

#include "api/ApiError.h"

#include <QJsonObject>
#include <QNetworkRequest>

namespace lmcf {

namespace {

bool looksLikeTlsFailure(const QString &error) {
    return error.contains(QLatin1String("SSL"), Qt::CaseInsensitive) ||
           error.contains(QLatin1String("TLS"), Qt::CaseInsensitive) ||
           error.contains(QLatin1String("certificate"), Qt::CaseInsensitive) ||
           error.contains(QLatin1String("handshake"), Qt::CaseInsensitive);
}

//! The daemon's `{"detail": "..."}` (or `{"error": "..."}`) text, if the body has one.
QString detailOf(const QJsonDocument &json) {
    const QJsonObject object = json.object();
    for (const char *key : {"detail", "error", "reason", "message"}) {
        const QString text = object.value(QLatin1String(key)).toString();
        if (!text.isEmpty())
            return text;
    }
    return {};
}

// The daemon refuses for two reasons with 403: the caller's role (ApiError::operatorRoleNeeded)
// or a node path blocked for everyone (/env, /run_script). Only the first is about the token.
bool isRoleRefusal(int status, const QString &detail) {
    return status == 403 && detail == ApiError::operatorRoleNeeded();
}

DaemonReply::Problem problemForStatus(int status, const QString &detail) {
    if (status == 403 && !isRoleRefusal(status, detail))
        return DaemonReply::Problem::HttpError;
    switch (status) {
    case 401:
        return DaemonReply::Problem::Unauthorized;
    case 403:
        return DaemonReply::Problem::Forbidden;
    case 404:
        return DaemonReply::Problem::NotFound;
    default:
        return DaemonReply::Problem::HttpError;
    }
}

QString messageForStatus(int status, const QString &detail) {
    QString text;
    switch (status) {
    case 401:
        text = QStringLiteral("This daemon needs a token (401): add one in the connection dialog.");
        break;
    case 403:
        if (isRoleRefusal(status, detail))
            return QStringLiteral("Your token is a viewer token (403): this needs an operator "
                                  "token.");
        text = QStringLiteral("Refused by the daemon (403):");
        break;
    case 404:
        text = QStringLiteral("Not found (404).");
        break;
    case 502:
        text = QStringLiteral("The node did not answer the daemon (502).");
        break;
    case 504:
        text = QStringLiteral("The node timed out behind the daemon (504).");
        break;
    default:
        text = QStringLiteral("The daemon answered HTTP %1.").arg(status);
    }
    if (!detail.isEmpty())
        text += u' ' + detail;
    return text;
}

} // namespace

DaemonClient::DaemonClient(QObject *parent)
    : QObject(parent)
    , m_http(new HttpClient(this, 4)) {}

DaemonClient::~DaemonClient() = default;

void DaemonClient::setBaseUrl(const QUrl &url) {
    m_baseUrl = url;
    // A trailing slash would double up with every absolute API path.
    QString path = m_baseUrl.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    m_baseUrl.setPath(path);
}

void DaemonClient::setToken(const QString &token) {
    m_token = token.trimmed();
}

QUrl DaemonClient::urlFor(const QString &path, const QString &query) const {
    QUrl url = m_baseUrl;
    url.setPath(m_baseUrl.path() + path, QUrl::TolerantMode);
    if (!query.isEmpty())
        url.setQuery(query, QUrl::TolerantMode);
    return url;
}

QString DaemonClient::nodePath(const QString &node, const QString &path) {
    const QString encoded = QString::fromUtf8(QUrl::toPercentEncoding(node));
    QString rest = path;
    while (rest.startsWith(u'/'))
        rest.remove(0, 1);
    return QStringLiteral("/proxy2/") + encoded + u'/' + rest;
}

void DaemonClient::health(QObject *context, Callback done) {
    call("GET", urlFor(QStringLiteral("/health")), {}, m_timeoutMs, true, context, std::move(done));
}

void DaemonClient::nodes(QObject *context, Callback done) {
    call("GET", urlFor(QStringLiteral("/api/nodes")), {}, m_timeoutMs, true, context,
         std::move(done));
}

void DaemonClient::nodesAfter(qint64 index, int waitSeconds, QObject *context, Callback done) {
    const QString query = QStringLiteral("index=%1&wait=%2s").arg(index).arg(waitSeconds);
    call("GET", urlFor(QStringLiteral("/api/nodes"), query), {}, (waitSeconds + 10) * 1000, true,
         context, std::move(done));
}

void DaemonClient::fleetMetrics(const QStringList &families, QObject *context, Callback done) {
    QStringList query;
    for (const QString &family : families)
        query << QStringLiteral("name=") + QString::fromLatin1(QUrl::toPercentEncoding(family));
    call("GET", urlFor(QStringLiteral("/metrics"), query.join(u'&')), {}, m_timeoutMs, false,
         context, std::move(done));
}

void DaemonClient::queryRange(const QString &selector, qint64 start, qint64 end, int stepSeconds,
                              QObject *context, Callback done) {
    // Built by hand: the selector's `{`, `"` and `=` must reach the daemon percent-encoded.
    const QString query =
        QStringLiteral("query=") + QString::fromLatin1(QUrl::toPercentEncoding(selector)) +
        QStringLiteral("&start=%1&end=%2&step=%3").arg(start).arg(end).arg(qMax(1, stepSeconds));
    call("GET", urlFor(QStringLiteral("/api/v1/query_range"), query), {}, m_timeoutMs, true,
         context, std::move(done));
}

void DaemonClient::nodeGet(const QString &node, const QString &path, QObject *context,
                           Callback done) {
    QString pathPart = path;
    QString query;
    if (const qsizetype mark = path.indexOf(u'?'); mark >= 0) {
        pathPart = path.left(mark);
        query = path.mid(mark + 1);
    }
    call("GET", urlFor(nodePath(node, pathPart), query), {}, m_timeoutMs, false, context,
         std::move(done));
}

void DaemonClient::nodePost(const QString &node, const QString &path, const QByteArray &body,
                            QObject *context, Callback done) {
    call("POST", urlFor(nodePath(node, path)), body, m_timeoutMs, false, context, std::move(done));
}

void DaemonClient::call(const QByteArray &method, const QUrl &url, const QByteArray &body,
                        int timeoutMs, bool expectJson, QObject *context, Callback done) {
    QNetworkRequest request(url);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    HttpRequestOptions options;
    options.timeoutMs = timeoutMs;
    const bool https = url.scheme() == QLatin1String("https");
    m_http->send(request, method, body, options, context,
                 [expectJson, https, done = std::move(done)](const HttpResult &result) {
                     if (done)
                         done(classify(result, expectJson, https));
                 });
}

DaemonReply DaemonClient::classify(const HttpResult &result, bool expectJson, bool https) {
    DaemonReply reply;
    reply.status = result.status;
    reply.body = result.body;
    reply.elapsedMs = result.elapsedMs;
    if (result.timedOut) {
        reply.problem = DaemonReply::Problem::TimedOut;
        reply.message = QStringLiteral("No answer from the daemon in time (%1).").arg(result.error);
        return reply;
    }
    if (!result.error.isEmpty() && result.status == 0) {
        const bool tls = https && looksLikeTlsFailure(result.error);
        reply.problem = tls ? DaemonReply::Problem::Tls : DaemonReply::Problem::Unreachable;
        reply.message =
            tls ? QStringLiteral("TLS error talking to the daemon: %1").arg(result.error)
                : QStringLiteral("Cannot reach the daemon: %1").arg(result.error);
        return reply;
    }
    QJsonParseError parseError{};
    reply.json = QJsonDocument::fromJson(result.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        reply.json = {};
    if (result.status < 200 || result.status >= 300) {
        reply.problem = problemForStatus(result.status, detailOf(reply.json));
        reply.message = messageForStatus(result.status, detailOf(reply.json));
        return reply;
    }
    if (expectJson && reply.json.isNull()) {
        reply.problem = DaemonReply::Problem::BadPayload;
        reply.message =
            QStringLiteral("The daemon's answer is not JSON: %1").arg(parseError.errorString());
    }
    return reply;
}

} // namespace lmcf
