#include "net/DaemonClient.h"

#include "CannedHttpPeer.h"
#include "QtPrinters.h"
#include "WaitUntil.h"

#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;

namespace {

//! A daemon stand-in that remembers the last request head.
class RecordingPeer final : public test::CannedHttpPeer {
public:
    using CannedHttpPeer::CannedHttpPeer;
    QUrl base() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(serverPort())); }
    const QByteArray &request() const { return lastRequest(); }
};

QByteArray answer(int status, const QByteArray &body) {
    return "HTTP/1.1 " + QByteArray::number(status) +
           " X\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
}

template <typename Call> std::optional<DaemonReply> run(Call call) {
    std::optional<DaemonReply> reply;
    call([&](const DaemonReply &r) { reply = r; });
    test::waitUntil([&] { return reply.has_value(); }, 8000);
    return reply;
}

} // namespace

TEST(DaemonClient, NodesSendsBearerTokenAndParsesJson) {
    RecordingPeer peer(answer(200, R"({"nodes":[],"index":7})"));
    DaemonClient client;
    client.setBaseUrl(peer.base());
    client.setToken(QStringLiteral("s3cret\n"));
    const auto reply = run([&](auto cb) { client.nodes(nullptr, cb); });
    ASSERT_TRUE(reply.has_value());
    EXPECT_TRUE(reply->ok()) << reply->message.toStdString();
    EXPECT_EQ(reply->json.object().value(QStringLiteral("index")).toInt(), 7);
    EXPECT_TRUE(peer.request().startsWith("GET /api/nodes HTTP/1.1"));
    EXPECT_TRUE(peer.request().contains("Authorization: Bearer s3cret\r\n"));
}

TEST(DaemonClient, NoTokenNoAuthorizationHeader) {
    RecordingPeer peer(answer(200, R"({"status":"healthy"})"));
    DaemonClient client;
    client.setBaseUrl(peer.base());
    const auto reply = run([&](auto cb) { client.health(nullptr, cb); });
    ASSERT_TRUE(reply.has_value());
    EXPECT_TRUE(reply->ok());
    EXPECT_FALSE(peer.request().contains("Authorization"));
}

TEST(DaemonClient, Status401SaysTokenNeeded) {
    RecordingPeer peer(answer(401, R"({"detail":"missing token"})"));
    DaemonClient client;
    client.setBaseUrl(peer.base());
    const auto reply = run([&](auto cb) { client.nodes(nullptr, cb); });
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(reply->problem, DaemonReply::Problem::Unauthorized);
    EXPECT_TRUE(reply->message.contains(QStringLiteral("needs a token")));
    EXPECT_TRUE(reply->message.contains(QStringLiteral("missing token")));
}

TEST(DaemonClient, Status403SaysViewerToken) {
    RecordingPeer peer(answer(403, R"({"detail":"the operator role is needed for this"})"));
    DaemonClient client;
    client.setBaseUrl(peer.base());
    const auto reply = run([&](auto cb) {
        client.nodePost(QStringLiteral("n1"), QStringLiteral("api/clear-cache"), {}, nullptr, cb);
    });
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(reply->problem, DaemonReply::Problem::Forbidden);
    EXPECT_TRUE(reply->message.contains(QStringLiteral("viewer token")));
    EXPECT_TRUE(peer.request().startsWith("POST /proxy2/n1/api/clear-cache HTTP/1.1"));
}

TEST(DaemonClient, BlockedNodePathIsNotAViewerToken) {
    RecordingPeer peer(answer(403, R"({"detail":"/env is blocked on nodes"})"));
    DaemonClient client;
    client.setBaseUrl(peer.base());
    const auto reply = run(
        [&](auto cb) { client.nodeGet(QStringLiteral("n1"), QStringLiteral("env"), nullptr, cb); });
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(reply->problem, DaemonReply::Problem::HttpError);
    EXPECT_FALSE(reply->message.contains(QStringLiteral("viewer")));
    EXPECT_TRUE(reply->message.contains(QStringLiteral("blocked")));
}

TEST(DaemonClient, UnreachableDaemonIsNamed) {
    QTcpServer closed;
    closed.listen(QHostAddress::LocalHost, 0);
    const quint16 port = closed.serverPort();
    closed.close();
    DaemonClient client;
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    const auto reply = run([&](auto cb) { client.health(nullptr, cb); });
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(reply->problem, DaemonReply::Problem::Unreachable);
    EXPECT_TRUE(reply->message.startsWith(QStringLiteral("Cannot reach the daemon")));
}

TEST(DaemonClient, NonJsonAnswerToJsonCallIsBadPayload) {
    RecordingPeer peer(answer(200, "<html>"));
    DaemonClient client;
    client.setBaseUrl(peer.base());
    const auto reply = run([&](auto cb) { client.nodes(nullptr, cb); });
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(reply->problem, DaemonReply::Problem::BadPayload);
}

TEST(DaemonClient, NodeGetEncodesNodeNameAndKeepsQuery) {
    RecordingPeer peer(answer(200, "ok"));
    DaemonClient client;
    client.setBaseUrl(QUrl(peer.base().toString() + QStringLiteral("/")));
    const auto reply = run([&](auto cb) {
        client.nodeGet(QStringLiteral("proxy_10.0.0.5_8085"),
                       QStringLiteral("loglevel?logger_name=lmcache&level=DEBUG"), nullptr, cb);
    });
    ASSERT_TRUE(reply.has_value());
    EXPECT_TRUE(reply->ok());
    EXPECT_EQ(reply->body, QByteArray("ok"));
    EXPECT_TRUE(peer.request().startsWith(
        "GET /proxy2/proxy_10.0.0.5_8085/loglevel?logger_name=lmcache&level=DEBUG HTTP/1.1"))
        << peer.request().toStdString();
}

TEST(DaemonClient, ChangeFeedAndQueryRangeUrls) {
    DaemonClient client;
    client.setBaseUrl(QUrl(QStringLiteral("http://head:5000")));
    EXPECT_EQ(
        client.urlFor(QStringLiteral("/api/nodes"), QStringLiteral("index=3&wait=30s")).toString(),
        QStringLiteral("http://head:5000/api/nodes?index=3&wait=30s"));
    EXPECT_EQ(DaemonClient::nodePath(QStringLiteral("a b/c"), QStringLiteral("/metrics")),
              QStringLiteral("/proxy2/a%20b%2Fc/metrics"));
}

TEST(DaemonClient, QueryRangeSendsEncodedSelector) {
    RecordingPeer peer(
        answer(200, R"({"status":"success","data":{"resultType":"matrix","result":[]}})"));
    DaemonClient client;
    client.setBaseUrl(peer.base());
    const auto reply = run([&](auto cb) {
        client.queryRange(QStringLiteral("lmcache:num_lookup_hit_tokens{node=\"n1\"}"), 100, 200, 5,
                          nullptr, cb);
    });
    ASSERT_TRUE(reply.has_value());
    EXPECT_TRUE(reply->ok());
    EXPECT_TRUE(peer.request().startsWith(
        "GET /api/v1/query_range?query=lmcache%3Anum_lookup_hit_tokens%7Bnode%3D%22n1%22%7D"
        "&start=100&end=200&step=5 HTTP/1.1"))
        << peer.request().toStdString();
}
