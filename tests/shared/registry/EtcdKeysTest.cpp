#include "registry/EtcdKeys.h"

#include "QtPrinters.h"

#include <gtest/gtest.h>

using namespace lmcf;
using namespace Qt::StringLiterals;

TEST(EtcdKeys, NodeKeyRoundTripsTheAddress) {
    const EtcdKeys keys(QByteArrayLiteral("/fleet"));
    EXPECT_EQ(keys.nodesPrefix(), QByteArrayLiteral("/fleet/nodes/"));
    const QByteArray key = keys.nodeKey(u"http://10.0.0.5:8085"_s);
    EXPECT_EQ(key, QByteArrayLiteral("/fleet/nodes/http%3A%2F%2F10.0.0.5%3A8085"));
    EXPECT_EQ(keys.apiAddressOf(key), u"http://10.0.0.5:8085"_s);
    EXPECT_EQ(keys.apiAddressOf(keys.nodeKey(u"https://[fd00::5]:8443"_s)),
              u"https://[fd00::5]:8443"_s);
}

TEST(EtcdKeys, IgnoresKeysThatAreNotNodes) {
    const EtcdKeys keys(QByteArrayLiteral("/fleet"));
    EXPECT_EQ(keys.apiAddressOf(QByteArrayLiteral("/fleet/nodes/")), std::nullopt);
    EXPECT_EQ(keys.apiAddressOf(QByteArrayLiteral("/other/nodes/http%3A%2F%2Fh%3A1")),
              std::nullopt);
    EXPECT_EQ(keys.apiAddressOf(QByteArrayLiteral("/fleet/nodes/not-an-address")), std::nullopt);
    EXPECT_EQ(keys.apiAddressOf(QByteArrayLiteral("/fleet/nodes/ftp%3A%2F%2Fh%3A1")), std::nullopt);
}

TEST(EtcdKeys, RangeEndIncrementsTheLastByteBelowFf) {
    EXPECT_EQ(EtcdKeys::rangeEnd(QByteArrayLiteral("/fleet/nodes/")),
              QByteArrayLiteral("/fleet/nodes0"));
    EXPECT_EQ(EtcdKeys::rangeEnd(QByteArrayLiteral("a\xff\xff")), QByteArrayLiteral("b"));
    EXPECT_EQ(EtcdKeys::rangeEnd(QByteArrayLiteral("\xff")), QByteArray(1, '\0'));
    EXPECT_EQ(EtcdKeys::rangeEnd(QByteArray()), QByteArray(1, '\0'));
}
