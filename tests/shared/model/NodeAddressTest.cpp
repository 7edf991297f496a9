#include "model/NodeAddress.h"

#include "QtPrinters.h"
#include "model/NodeName.h"
#include "model/NodeState.h"

#include <QJsonValue>

#include <gtest/gtest.h>

using namespace lmcf;
using namespace Qt::StringLiterals;

TEST(NodeAddress, ParsesHostFieldsAndBuildsUrls) {
    struct Case {
        QString host;
        QString scheme, bare, baseUrl, hostField;
    } cases[] = {
        {u"10.0.0.5"_s, u"http"_s, u"10.0.0.5"_s, u"http://10.0.0.5:8085"_s, u"10.0.0.5"_s},
        {u"Node-1.Example"_s, u"http"_s, u"node-1.example"_s, u"http://node-1.example:8085"_s,
         u"node-1.example"_s},
        {u"[::1]"_s, u"http"_s, u"::1"_s, u"http://[::1]:8085"_s, u"[::1]"_s},
        {u"fd00::5"_s, u"http"_s, u"fd00::5"_s, u"http://[fd00::5]:8085"_s, u"[fd00::5]"_s},
        {u"https://h"_s, u"https"_s, u"h"_s, u"https://h:8085"_s, u"https://h"_s},
        {u"HTTPS://[fd00::5]/"_s, u"https"_s, u"fd00::5"_s, u"https://[fd00::5]:8085"_s,
         u"https://[fd00::5]"_s},
        {u"http://h"_s, u"http"_s, u"h"_s, u"http://h:8085"_s, u"h"_s},
    };
    for (const Case &c : cases) {
        const auto address = NodeAddress::parse(c.host, 8085);
        ASSERT_TRUE(address.ok()) << c.host.toStdString() << ": " << address.error().toStdString();
        EXPECT_EQ(address->scheme, c.scheme);
        EXPECT_EQ(address->host, c.bare);
        EXPECT_EQ(address->baseUrl(), c.baseUrl);
        EXPECT_EQ(address->hostField(), c.hostField);
        // hostField() parses back to the same address.
        EXPECT_EQ(NodeAddress::parse(address->hostField(), 8085).value(), address.value());
    }
}

TEST(NodeAddress, RefusesBadHosts) {
    for (const QString &host : {u""_s, u"h/x"_s, u"user@h"_s, u"[::1"_s, u"[zz::1]"_s, u"h:8085"_s,
                                u"ftp://h"_s, u"a b"_s, u"http://"_s}) {
        const auto address = NodeAddress::parse(host, 80);
        EXPECT_FALSE(address.ok()) << host.toStdString();
        EXPECT_FALSE(address.error().isEmpty());
    }
    EXPECT_FALSE(NodeAddress::parse(u"h"_s, 0).ok());
    EXPECT_FALSE(NodeAddress::parse(u"h"_s, 65536).ok());
}

TEST(NodeAddress, PortsAreIntegersOrNumericStrings) {
    EXPECT_EQ(NodeAddress::parsePort(QJsonValue(8085)).value(), 8085);
    EXPECT_EQ(NodeAddress::parsePort(QJsonValue(u"8085"_s)).value(), 8085);
    EXPECT_EQ(NodeAddress::parsePort(QJsonValue(65535)).value(), 65535);
    const struct {
        QJsonValue value;
        QString shown;
    } bad[] = {{QJsonValue(u"abc"_s), u"\"abc\""_s},
               {QJsonValue(0), u"0"_s},
               {QJsonValue(65536), u"65536"_s},
               {QJsonValue(80.5), u"80.5"_s},
               {QJsonValue(true), u"true"_s},
               {QJsonValue(u"+80"_s), u"\"+80\""_s},
               {QJsonValue(u"/tmp/sock"_s), u"\"/tmp/sock\""_s}};
    for (const auto &b : bad) {
        const auto port = NodeAddress::parsePort(b.value);
        ASSERT_FALSE(port.ok()) << b.shown.toStdString();
        EXPECT_EQ(port.error(), u"must be an integer 1..65535, got "_s + b.shown);
    }
}

TEST(NodeAddress, SplitsApiAddresses) {
    const auto v4 = NodeAddress::fromApiAddress(u"http://10.0.0.5:8085"_s);
    ASSERT_TRUE(v4.ok());
    EXPECT_EQ(v4->authority(), u"10.0.0.5:8085"_s);
    const auto v6 = NodeAddress::fromApiAddress(u"https://[FD00::5]:8085/"_s);
    ASSERT_TRUE(v6.ok());
    EXPECT_EQ(v6->host, u"fd00::5"_s);
    EXPECT_EQ(v6->baseUrl(), u"https://[fd00::5]:8085"_s);
    EXPECT_EQ(NodeAddress::fromApiAddress(u"https://h"_s)->port, 443);
    EXPECT_FALSE(NodeAddress::fromApiAddress(u"h:1"_s).ok());
}

TEST(NodeName, AcceptsPathSafeNamesOnly) {
    for (const QString &good : {u"gpu-a"_s, u"proxy_10.0.0.5_8085"_s, u"inst_worker0"_s,
                                u"proxy_fd00__5_8085"_s, u"ノード"_s})
        EXPECT_TRUE(NodeName::validate(good).ok()) << good.toStdString();
    for (const QString &bad : {u""_s, u"a/b"_s, u"a%2Fb"_s, u".."_s, u"a..b"_s, u"a b"_s, u"a\tb"_s,
                               u"a\u0001b"_s, u"a?b"_s, u"a#b"_s, u"a\\b"_s, QString(200, u'x')}) {
        const auto outcome = NodeName::validate(bad);
        EXPECT_FALSE(outcome.ok()) << bad.toStdString();
    }
    EXPECT_TRUE(NodeName::validate(u"a/b"_s).error().contains(u"URL path segment"_s));
}

TEST(NodeState, RoundTripsNames) {
    for (NodeState s : {NodeState::Static, NodeState::Alive, NodeState::Suspect, NodeState::Down})
        EXPECT_EQ(NodeStates::fromString(NodeStates::toString(s)), s);
    EXPECT_FALSE(NodeStates::fromString(u"gone"_s).has_value());
}
