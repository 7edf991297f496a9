#include "discovery/HeartbeatQuery.h"

#include "QtPrinters.h"

#include <gtest/gtest.h>

using namespace lmcf;

TEST(HeartbeatQuery, RoundTripsEveryField) {
    Heartbeat sent;
    sent.apiAddress = QStringLiteral("http://10.0.0.5:8085");
    sent.pid = 4242;
    sent.version = QStringLiteral("0.3.9-abc1234");
    sent.otherInfo = QStringLiteral(R"({"startup_time":"2026-11-20T10:00:00","a":"x&y=z+1"})");

    const QUrl url = HeartbeatQuery::encode(
        QUrl(QStringLiteral("http://head:5000/lmcache_heartbeat?token=s3cret")), sent);
    EXPECT_EQ(url.path(), QStringLiteral("/lmcache_heartbeat"));
    const QUrlQuery query(url);
    EXPECT_EQ(query.queryItemValue(QStringLiteral("token")), QStringLiteral("s3cret"));

    const auto received = HeartbeatQuery::decode(query);
    ASSERT_TRUE(received.ok()) << received.error().toStdString();
    EXPECT_EQ(received->apiAddress, sent.apiAddress);
    EXPECT_EQ(received->pid, sent.pid);
    EXPECT_EQ(received->version, sent.version);
    EXPECT_EQ(received->otherInfo, sent.otherInfo);
}

TEST(HeartbeatQuery, DecodesTheOriginalAgentsQuery) {
    const QUrlQuery query(QStringLiteral(
        "api_address=http%3A%2F%2F10.0.0.5%3A8085&pid=77&version=1.0.0&other_info=%7B%7D"));
    const auto hb = HeartbeatQuery::decode(query);
    ASSERT_TRUE(hb.ok());
    EXPECT_EQ(hb->apiAddress, QStringLiteral("http://10.0.0.5:8085"));
    EXPECT_EQ(hb->pid, 77);
    EXPECT_EQ(hb->otherInfo, QStringLiteral("{}"));
}

TEST(HeartbeatQuery, AcceptsHttpsIpv6AndTrailingSlash) {
    EXPECT_EQ(HeartbeatQuery::normaliseApiAddress(QStringLiteral("http://[fd00::5]:8085/")).value(),
              QStringLiteral("http://[fd00::5]:8085"));
    EXPECT_EQ(HeartbeatQuery::normaliseApiAddress(QStringLiteral("HTTPS://Node-1:443")).value(),
              QStringLiteral("https://node-1:443"));
}

TEST(HeartbeatQuery, BadPidBecomesNull) {
    const auto hb =
        HeartbeatQuery::decode(QUrlQuery(QStringLiteral("api_address=http://h:1&pid=abc")));
    ASSERT_TRUE(hb.ok());
    EXPECT_FALSE(hb->pid.has_value());
}

TEST(HeartbeatQuery, RefusesAddressesThatAreNotPlainBaseUrls) {
    const char *bad[] = {"",
                         "10.0.0.5:8085",
                         "ftp://h:1",
                         "http://",
                         "http://user:pw@h:1",
                         "http://h:1/admin",
                         "http://h:1/?x=1",
                         "unix:///tmp/sock",
                         "http+unix://%2Ftmp%2Fsock/"};
    for (const char *address : bad) {
        const auto outcome = HeartbeatQuery::normaliseApiAddress(QString::fromUtf8(address));
        EXPECT_FALSE(outcome.ok()) << address;
        EXPECT_FALSE(outcome.error().isEmpty()) << address;
    }
    const auto missing = HeartbeatQuery::decode(QUrlQuery(QStringLiteral("pid=1")));
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.error().contains(QStringLiteral("api_address")));
}
