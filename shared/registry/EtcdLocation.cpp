#include "registry/EtcdLocation.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace lmcf {

namespace {

const QString defaultPrefix = u"/lmcache-fleet"_s;

Outcome<quint16> portFrom(const QString &text, int position) {
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port == 0 || port > 65535)
        return Outcome<quint16>::failure(
            u"host %1: expected a port 1..65535, got \"%2\""_s.arg(position).arg(text));
    return Outcome<quint16>::success(quint16(port));
}

//! One `host[:port]` or `[v6][:port]` of the list, as an http URL.
Outcome<QUrl> endpointFrom(const QString &text, int position) {
    using R = Outcome<QUrl>;
    QString host = text;
    QString port;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            return R::failure(u"host %1: \"%2\" has no closing ']'"_s.arg(position).arg(text));
        host = text.mid(1, close - 1);
        const QString rest = text.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(u':'))
            return R::failure(u"host %1: unexpected \"%2\" after ']'"_s.arg(position).arg(rest));
        port = rest.mid(1);
    } else if (text.count(u':') > 1) {
        return R::failure(
            u"host %1: \"%2\": write IPv6 addresses in brackets, [::1]:2379"_s.arg(position).arg(
                text));
    } else if (const qsizetype colon = text.indexOf(u':'); colon >= 0) {
        host = text.left(colon);
        port = text.mid(colon + 1);
    }
    if (host.isEmpty())
        return R::failure(u"host %1: empty host name in \"%2\""_s.arg(position).arg(text));
    const auto number = port.isEmpty() && !text.endsWith(u':')
                            ? Outcome<quint16>::success(EtcdLocation::defaultPort)
                            : portFrom(port, position);
    if (!number)
        return R::failure(number.error());
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(host, QUrl::StrictMode);
    url.setPort(number.value());
    if (!url.isValid() || url.host().isEmpty())
        return R::failure(u"host %1: not a host name or address: \"%2\""_s.arg(position).arg(host));
    return R::success(url);
}

Outcome<QByteArray> prefixFrom(const QString &path) {
    QString prefix = path;
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    if (prefix.isEmpty())
        return Outcome<QByteArray>::success(defaultPrefix.toLatin1());
    for (const QChar c : prefix) {
        const bool allowed = (c.isLetterOrNumber() && c.unicode() < 128) || c == u'-' ||
                             c == u'_' || c == u'.' || c == u'/';
        if (!allowed)
            return Outcome<QByteArray>::failure(
                u"prefix \"%1\": only letters, digits, '-', '_', '.' and '/' are allowed"_s.arg(
                    prefix));
    }
    if (prefix.contains(u"//"_s))
        return Outcome<QByteArray>::failure(u"prefix \"%1\": empty path segment"_s.arg(prefix));
    return Outcome<QByteArray>::success(prefix.toLatin1());
}

} // namespace

Outcome<EtcdLocation> EtcdLocation::parse(const QString &text) {
    using R = Outcome<EtcdLocation>;
    const QString scheme = u"etcd://"_s;
    if (!text.startsWith(scheme, Qt::CaseInsensitive))
        return R::failure(
            u"expected etcd://HOST:PORT[,HOST:PORT...]/prefix, got \"%1\""_s.arg(text));
    const QString rest = text.mid(scheme.size());
    const qsizetype slash = rest.indexOf(u'/');
    const QString hosts = slash < 0 ? rest : rest.left(slash);
    if (hosts.trimmed().isEmpty())
        return R::failure(u"no etcd host in \"%1\""_s.arg(text));
    EtcdLocation location;
    const QStringList parts = hosts.split(u',');
    for (int i = 0; i < parts.size(); ++i) {
        const auto endpoint = endpointFrom(parts[i].trimmed(), i + 1);
        if (!endpoint)
            return R::failure(endpoint.error());
        location.endpoints.append(endpoint.value());
    }
    const auto prefix = prefixFrom(slash < 0 ? QString() : rest.mid(slash));
    if (!prefix)
        return R::failure(prefix.error());
    location.prefix = prefix.value();
    return R::success(location);
}

QString EtcdLocation::toString() const {
    QStringList hosts;
    for (const QUrl &endpoint : endpoints)
        hosts.append(endpoint.authority());
    return u"etcd://"_s + hosts.join(u',') + QString::fromLatin1(prefix);
}

} // namespace lmcf
