#include "registry/EtcdLocation.h"

#include "QtPrinters.h"

#include <gtest/gtest.h>

using namespace lmcf;
using namespace Qt::StringLiterals;

namespace {
QStringList authorities(const EtcdLocation &location) {
    QStringList out;
    for (const QUrl &url : location.endpoints)
        out.append(url.toString());
    return out;
}
} // namespace

TEST(EtcdLocation, ParsesSeveralMembersAndThePrefix) {
    const auto location = EtcdLocation::parse(u"etcd://10.0.0.1:2379,head2:12379/fleet/prod"_s);
    ASSERT_TRUE(location) << location.error().toStdString();
    EXPECT_EQ(authorities(*location),
              (QStringList{u"http://10.0.0.1:2379"_s, u"http://head2:12379"_s}));
    EXPECT_EQ(location->prefix, QByteArrayLiteral("/fleet/prod"));
    EXPECT_EQ(location->toString(), u"etcd://10.0.0.1:2379,head2:12379/fleet/prod"_s);
}

TEST(EtcdLocation, DefaultsPortAndPrefix) {
    const auto location = EtcdLocation::parse(u"ETCD://localhost"_s);
    ASSERT_TRUE(location) << location.error().toStdString();
    EXPECT_EQ(authorities(*location), QStringList{u"http://localhost:2379"_s});
    EXPECT_EQ(location->prefix, QByteArrayLiteral("/lmcache-fleet"));
    EXPECT_FALSE(EtcdLocation::parse(u"etcd://h:1/a//b"_s)); // an empty segment inside
    const auto trailing = EtcdLocation::parse(u"etcd://h:1/fleet//"_s);
    ASSERT_TRUE(trailing);
    EXPECT_EQ(trailing->prefix, QByteArrayLiteral("/fleet"));
}

TEST(EtcdLocation, AcceptsBracketedIpv6) {
    const auto location = EtcdLocation::parse(u"etcd://[::1]:2379,[fd00::5]/p"_s);
    ASSERT_TRUE(location) << location.error().toStdString();
    EXPECT_EQ(authorities(*location),
              (QStringList{u"http://[::1]:2379"_s, u"http://[fd00::5]:2379"_s}));
}

TEST(EtcdLocation, RefusesWithMessagesNamingThePart) {
    const auto expectError = [](const QString &text, const QString &fragment) {
        const auto location = EtcdLocation::parse(text);
        ASSERT_FALSE(location) << text.toStdString();
        EXPECT_TRUE(location.error().contains(fragment))
            << text.toStdString() << " -> " << location.error().toStdString();
    };
    expectError(u"http://h:2379/p"_s, u"expected etcd://"_s);
    expectError(u"etcd:///p"_s, u"no etcd host"_s);
    expectError(u"etcd://a:1,,b:2/p"_s, u"host 2: empty host"_s);
    expectError(u"etcd://a:1,b:99999/p"_s, u"host 2: expected a port 1..65535"_s);
    expectError(u"etcd://a:x/p"_s, u"host 1: expected a port"_s);
    expectError(u"etcd://a:/p"_s, u"host 1: expected a port"_s);
    expectError(u"etcd://::1:2379/p"_s, u"in brackets"_s);
    expectError(u"etcd://[::1/p"_s, u"no closing ']'"_s);
    expectError(u"etcd://[::1]x/p"_s, u"after ']'"_s);
    expectError(u"etcd://bad host:1/p"_s, u"host 1: not a host name"_s);
    expectError(u"etcd://h:1/pre fix"_s, u"prefix \"/pre fix\""_s);
    expectError(u"etcd://h:1/p?x=1"_s, u"prefix"_s);
}
