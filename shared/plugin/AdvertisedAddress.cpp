#include "plugin/AdvertisedAddress.h"

#include <QNetworkInterface>

namespace lmcf::AdvertisedAddress {

namespace {

QString hostForUrl(const QString &host) {
    const QHostAddress address(host);
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return u'[' + address.toString() + u']';
    return host; // a name, an IPv4 address, or an already bracketed IPv6 literal
}

bool usable(const QHostAddress &address) {
    return !address.isNull() && !address.isLoopback() && !address.isLinkLocal() &&
           !address.isMulticast() && address != QHostAddress::AnyIPv4 &&
           address != QHostAddress::AnyIPv6;
}

QString detectedHost(const QList<QHostAddress> &localAddresses) {
    for (const QHostAddress &address : localAddresses) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && usable(address))
            return address.toString();
    }
    for (const QHostAddress &address : localAddresses) {
        if (address.protocol() == QAbstractSocket::IPv6Protocol && usable(address))
            return address.toString();
    }
    return QStringLiteral("127.0.0.1");
}

} // namespace

bool isWildcard(const QString &host) {
    const QString trimmed = host.trimmed();
    return trimmed.isEmpty() || trimmed == u"*" || trimmed == u"[::]" ||
           QHostAddress(trimmed) == QHostAddress::AnyIPv4 ||
           QHostAddress(trimmed) == QHostAddress::AnyIPv6;
}

QString build(const QString &reportHost, const QString &httpHost, int port,
              const QList<QHostAddress> &localAddresses) {
    QString host = reportHost.trimmed();
    if (host.isEmpty() || isWildcard(host)) {
        const QString listen = httpHost.trimmed();
        if (isWildcard(listen))
            host = detectedHost(localAddresses);
        else if (listen.compare(u"localhost", Qt::CaseInsensitive) == 0)
            host = QStringLiteral("127.0.0.1");
        else
            host = listen;
    }
    return QStringLiteral("http://") + hostForUrl(host) + u':' + QString::number(port);
}

QList<QHostAddress> detectLocalAddresses() {
    QList<QHostAddress> addresses;
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        if (!interface.flags().testFlag(QNetworkInterface::IsUp) ||
            interface.flags().testFlag(QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries())
            addresses << entry.ip();
    }
    return addresses;
}

} // namespace lmcf::AdvertisedAddress
