#include "plugin/AdvertisedAddress.h"

#include "QtPrinters.h"

#include <gtest/gtest.h>

using namespace lmcf;

namespace {
const QList<QHostAddress> kInterfaces = {
    QHostAddress(QStringLiteral("127.0.0.1")), QHostAddress(QStringLiteral("fe80::1")),
    QHostAddress(QStringLiteral("fd00::5")), QHostAddress(QStringLiteral("10.0.0.5"))};
}

TEST(AdvertisedAddress, WildcardBecomesTheDetectedIpv4) {
    EXPECT_EQ(AdvertisedAddress::build({}, QStringLiteral("0.0.0.0"), 8085, kInterfaces),
              QStringLiteral("http://10.0.0.5:8085"));
    EXPECT_EQ(AdvertisedAddress::build({}, QStringLiteral("::"), 8085, kInterfaces),
              QStringLiteral("http://10.0.0.5:8085"));
    EXPECT_EQ(AdvertisedAddress::build({}, {}, 8085, kInterfaces),
              QStringLiteral("http://10.0.0.5:8085"));
}

TEST(AdvertisedAddress, GlobalIpv6IsBracketedWhenThereIsNoIpv4) {
    const QList<QHostAddress> v6only = {QHostAddress(QStringLiteral("fe80::1")),
                                        QHostAddress(QStringLiteral("fd00::5"))};
    EXPECT_EQ(AdvertisedAddress::build({}, QStringLiteral("0.0.0.0"), 8085, v6only),
              QStringLiteral("http://[fd00::5]:8085"));
}

TEST(AdvertisedAddress, NoUsableInterfaceFallsBackToLoopbackNeverTheWildcard) {
    EXPECT_EQ(AdvertisedAddress::build({}, QStringLiteral("0.0.0.0"), 8085, {}),
              QStringLiteral("http://127.0.0.1:8085"));
    EXPECT_EQ(AdvertisedAddress::build({}, QStringLiteral("0.0.0.0"), 8085,
                                       {QHostAddress(QStringLiteral("127.0.0.1"))}),
              QStringLiteral("http://127.0.0.1:8085"));
}

TEST(AdvertisedAddress, ReportHostWins) {
    EXPECT_EQ(AdvertisedAddress::build(QStringLiteral("node7.example"), QStringLiteral("0.0.0.0"),
                                       8085, kInterfaces),
              QStringLiteral("http://node7.example:8085"));
    EXPECT_EQ(AdvertisedAddress::build(QStringLiteral("fd00::9"), QStringLiteral("0.0.0.0"), 1,
                                       kInterfaces),
              QStringLiteral("http://[fd00::9]:1"));
    // A wildcard report-host would be unreachable: ignored.
    EXPECT_EQ(AdvertisedAddress::build(QStringLiteral("0.0.0.0"), QStringLiteral("0.0.0.0"), 1,
                                       kInterfaces),
              QStringLiteral("http://10.0.0.5:1"));
}

TEST(AdvertisedAddress, ASpecificListenAddressIsKept) {
    EXPECT_EQ(AdvertisedAddress::build({}, QStringLiteral("127.0.0.1"), 9, kInterfaces),
              QStringLiteral("http://127.0.0.1:9"));
    EXPECT_EQ(AdvertisedAddress::build({}, QStringLiteral("localhost"), 9, kInterfaces),
              QStringLiteral("http://127.0.0.1:9"));
    EXPECT_EQ(AdvertisedAddress::build({}, QStringLiteral("::1"), 9, kInterfaces),
              QStringLiteral("http://[::1]:9"));
}

TEST(AdvertisedAddress, DetectsSomethingOnThisMachineWithoutLoopback) {
    for (const QHostAddress &address : AdvertisedAddress::detectLocalAddresses())
        EXPECT_FALSE(address.isLoopback()) << address.toString().toStdString();
}
