#include "net/HeartbeatSender.h"

#include "CannedHttpPeer.h"
#include "QtPrinters.h"
#include "WaitUntil.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;

namespace {

//! A registry stand-in that records the heartbeat it got.
class RecordingPeer final : public test::CannedHttpPeer {
public:
    using CannedHttpPeer::CannedHttpPeer;
    QUrl url() const { return CannedHttpPeer::url(QStringLiteral("/lmcache_heartbeat")); }
};

std::optional<HeartbeatResult> sendOne(const QUrl &url, int timeoutMs = 2000) {
    HttpClient client;
    HeartbeatSender sender(&client);
    Heartbeat heartbeat{QStringLiteral("http://10.0.0.5:8085"), 4242, QStringLiteral("0.3.9"),
                        QStringLiteral(R"({"a":"b&c+d"})")};
    std::optional<HeartbeatResult> result;
    sender.send(url, heartbeat, timeoutMs, [&](const HeartbeatResult &r) { result = r; });
    test::waitUntil([&] { return result.has_value(); }, timeoutMs + 3000);
    return result;
}

} // namespace

TEST(HeartbeatSender, SendsTheFourFieldsAndReportsAcceptance) {
    RecordingPeer peer("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n{\"status\":\"success\"}");
    const auto result = sendOne(peer.url());
    ASSERT_TRUE(result.has_value());
    EXPECT_TRUE(result->accepted) << result->error.toStdString();
    EXPECT_EQ(result->status, 200);
    EXPECT_TRUE(result->error.isEmpty());

    const QUrl received(QStringLiteral("http://x") + QString::fromLatin1(peer.lastTarget()));
    EXPECT_EQ(received.path(), QStringLiteral("/lmcache_heartbeat"));
    const QUrlQuery query(received);
    EXPECT_EQ(query.queryItemValue(QStringLiteral("api_address"), QUrl::FullyDecoded),
              QStringLiteral("http://10.0.0.5:8085"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("pid")), QStringLiteral("4242"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("version")), QStringLiteral("0.3.9"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("other_info"), QUrl::FullyDecoded),
              QStringLiteral(R"({"a":"b&c+d"})"));
}

TEST(HeartbeatSender, ErrorStatusIsNotAcceptedAndSaysWhy) {
    RecordingPeer peer("HTTP/1.1 400 Bad Request\r\nContent-Length: 12\r\n\r\n{\"detail\":1}");
    const auto result = sendOne(peer.url());
    ASSERT_TRUE(result.has_value());
    EXPECT_FALSE(result->accepted);
    EXPECT_EQ(result->status, 400);
    EXPECT_TRUE(result->error.contains(QStringLiteral("400"))) << result->error.toStdString();
}

TEST(HeartbeatSender, RefusedConnectionIsNotAccepted) {
    quint16 closedPort;
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        closedPort = probe.serverPort();
    }
    const auto result = sendOne(QUrl(QStringLiteral("http://127.0.0.1:%1/hb").arg(closedPort)));
    ASSERT_TRUE(result.has_value());
    EXPECT_FALSE(result->accepted);
    EXPECT_EQ(result->status, 0);
    EXPECT_FALSE(result->error.isEmpty());
}

TEST(HeartbeatSender, SilentRegistryTimesOut) {
    RecordingPeer peer{QByteArray()};
    const auto result = sendOne(peer.url(), 300);
    ASSERT_TRUE(result.has_value());
    EXPECT_FALSE(result->accepted);
    EXPECT_FALSE(result->error.isEmpty());
}
