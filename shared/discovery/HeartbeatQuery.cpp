#include "discovery/HeartbeatQuery.h"

namespace lmcf::HeartbeatQuery {

QUrl encode(const QUrl &heartbeatUrl, const Heartbeat &heartbeat) {
    QUrl url = heartbeatUrl;
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("api_address"), heartbeat.apiAddress);
    if (heartbeat.pid)
        query.addQueryItem(QStringLiteral("pid"), QString::number(*heartbeat.pid));
    query.addQueryItem(QStringLiteral("version"), heartbeat.version);
    query.addQueryItem(QStringLiteral("other_info"), heartbeat.otherInfo);
    // Fully encode values: '+' and '&' in other_info JSON must survive any server's decoding.
    QUrlQuery encoded;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        encoded.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(key)),
                             QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
    url.setQuery(encoded);
    return url;
}

Outcome<QString> normaliseApiAddress(const QString &address) {
    const QString trimmed = address.trimmed();
    if (trimmed.isEmpty())
        return Outcome<QString>::failure(QStringLiteral("api_address is missing"));
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return Outcome<QString>::failure(
            QStringLiteral("api_address is not a valid URL: %1").arg(url.errorString()));
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https")
        return Outcome<QString>::failure(
            QStringLiteral("api_address must start with http:// or https://"));
    if (url.host().isEmpty())
        return Outcome<QString>::failure(QStringLiteral("api_address has no host"));
    if (!url.userInfo().isEmpty())
        return Outcome<QString>::failure(QStringLiteral("api_address must not carry user info"));
    if (!url.path().isEmpty() && url.path() != u"/")
        return Outcome<QString>::failure(QStringLiteral("api_address must not have a path"));
    if (url.hasQuery() || url.hasFragment())
        return Outcome<QString>::failure(
            QStringLiteral("api_address must not have a query or fragment"));

    QUrl base;
    base.setScheme(scheme);
    base.setHost(url.host().toLower());
    base.setPort(url.port());
    return Outcome<QString>::success(base.toString(QUrl::FullyEncoded));
}

Outcome<Heartbeat> decode(const QUrlQuery &query) {
    const auto address = normaliseApiAddress(
        query.queryItemValue(QStringLiteral("api_address"), QUrl::FullyDecoded));
    if (!address)
        return Outcome<Heartbeat>::failure(address.error());

    Heartbeat heartbeat;
    heartbeat.apiAddress = address.value();
    bool pidOk = false;
    const qint64 pid = query.queryItemValue(QStringLiteral("pid")).toLongLong(&pidOk);
    if (pidOk && pid > 0)
        heartbeat.pid = pid;
    heartbeat.version = query.queryItemValue(QStringLiteral("version"), QUrl::FullyDecoded);
    heartbeat.otherInfo = query.queryItemValue(QStringLiteral("other_info"), QUrl::FullyDecoded);
    return Outcome<Heartbeat>::success(heartbeat);
}

} // namespace lmcf::HeartbeatQuery
