#include "model/NodeAddress.h"

#include "discovery/HeartbeatQuery.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace lmcf {

namespace {

bool isHostNameChar(QChar c) {
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'-' ||
           c == u'_';
}

Outcome<QString> parseBareHost(const QString &text) {
    using R = Outcome<QString>;
    QString host = text;
    const bool bracketed = host.startsWith(u'[');
    if (bracketed) {
        if (!host.endsWith(u']'))
            return R::failure(u"IPv6 address must end with ']'"_s);
        host = host.mid(1, host.size() - 2);
    }
    if (host.isEmpty())
        return R::failure(u"must not be empty"_s);
    if (bracketed || host.contains(u':')) {
        QHostAddress address;
        if (!address.setAddress(host) || address.protocol() != QAbstractSocket::IPv6Protocol)
            return R::failure(u"is not a valid IPv6 address (a port goes in \"port\")"_s);
        return R::success(host.toLower());
    }
    host = host.toLower();
    for (QChar c : host) {
        if (!isHostNameChar(c))
            return R::failure(u"contains '%1', not allowed in a host name"_s.arg(c));
    }
    return R::success(host);
}

QString quoted(const QJsonValue &value) {
    if (value.isString())
        return u"\""_s + value.toString() + u"\""_s;
    if (value.isUndefined())
        return u"nothing"_s;
    QJsonArray wrapper{value};
    const QByteArray json = QJsonDocument(wrapper).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

} // namespace

QString NodeAddress::authority() const {
    const QString h = isIpv6() ? u"["_s + host + u"]"_s : host;
    return h + u":"_s + QString::number(port);
}

QString NodeAddress::baseUrl() const {
    return scheme + u"://"_s + authority();
}

QString NodeAddress::hostField() const {
    const QString h = isIpv6() ? u"["_s + host + u"]"_s : host;
    return scheme == u"http" ? h : scheme + u"://"_s + h;
}

Outcome<NodeAddress> NodeAddress::parseHost(const QString &hostField) {
    using R = Outcome<NodeAddress>;
    NodeAddress address;
    QString rest = hostField.trimmed();
    for (const QString &scheme : {u"http"_s, u"https"_s}) {
        const QString prefix = scheme + u"://"_s;
        if (rest.startsWith(prefix, Qt::CaseInsensitive)) {
            address.scheme = scheme;
            rest = rest.mid(prefix.size());
            break;
        }
    }
    if (rest.endsWith(u'/'))
        rest.chop(1);
    if (rest.contains(u'/') || rest.contains(u'@') || rest.contains(u"://"_s))
        return R::failure(
            u"must be a bare host, optionally with http:// or https://, got \"%1\""_s.arg(
                hostField));
    const auto host = parseBareHost(rest);
    if (!host)
        return R::failure(host.error());
    address.host = host.value();
    return R::success(address);
}

Outcome<NodeAddress> NodeAddress::parse(const QString &hostField, int port) {
    auto address = parseHost(hostField);
    if (!address)
        return address;
    if (port < 1 || port > 65535)
        return Outcome<NodeAddress>::failure(
            u"port must be an integer 1..65535, got %1"_s.arg(port));
    NodeAddress result = address.value();
    result.port = port;
    return Outcome<NodeAddress>::success(result);
}

Outcome<int> NodeAddress::parsePort(const QJsonValue &value) {
    const auto fail = [&value] {
        return Outcome<int>::failure(u"must be an integer 1..65535, got %1"_s.arg(quoted(value)));
    };
    if (value.isDouble()) {
        const double d = value.toDouble();
        // Range first: casting an out-of-range double is undefined behaviour.
        if (!(d >= 1 && d <= 65535) || d != static_cast<double>(static_cast<int>(d)))
            return fail();
        return Outcome<int>::success(static_cast<int>(d));
    }
    if (value.isString()) {
        const QString text = value.toString().trimmed();
        bool ok = false;
        const int port = text.toInt(&ok);
        // toInt accepts "+80"; a port is digits only.
        if (!ok || port < 1 || port > 65535 || text.startsWith(u'+'))
            return fail();
        return Outcome<int>::success(port);
    }
    return fail();
}

Outcome<NodeAddress> NodeAddress::fromApiAddress(const QString &apiAddress) {
    using R = Outcome<NodeAddress>;
    const auto normalised = HeartbeatQuery::normaliseApiAddress(apiAddress);
    if (!normalised)
        return R::failure(normalised.error());
    const QUrl url(normalised.value());
    NodeAddress address;
    address.scheme = url.scheme();
    address.host = url.host().toLower();
    address.port = url.port(address.scheme == u"https" ? 443 : 80);
    return R::success(address);
}

} // namespace lmcf
