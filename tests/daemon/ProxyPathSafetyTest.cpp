// Only registered nodes are reachable, and only by safe paths: SSRF attempts, sensitive node
// paths, and the audit trail of what got through.
#include "ProxyFixture.h"
#include "QtPrinters.h"
#include "WaitUntil.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace lmcf;
using test::RawHttpClient;

namespace {

using test::ProxyTest;

TEST_F(ProxyTest, SsrfAttemptsNeverLeaveForAnUnregisteredPlace) {
    start();
    const QByteArray attempts[] = {
        "/proxy2/n1/a/../../x",
        "/proxy2/n1/a/%2e%2e/%2E%2E/x",
        "/proxy2/n1/.%2e/x",
        "/proxy2/n1/a%2F..%2F..%2Fx",
        "/proxy2/n1/a%5C..%5Cx",
        "/proxy2/n1/..",
        "/proxy2/127.0.0.1:1/x",
        "/proxy2/n1%2F..%2Fx/y",
        "/proxy2/unix:%2Fvar%2Frun%2Fd.sock/x",
        "/proxy2/%2e%2e/x",
        "/proxy2/http:%2F%2F169.254.169.254/latest",
    };
    for (const QByteArray &target : attempts) {
        const auto response = request("GET", target);
        ASSERT_TRUE(response) << target.constData();
        EXPECT_TRUE(response->status == 400 || response->status == 404)
            << target.constData() << " gave " << response->status;
    }
    EXPECT_TRUE(upstream.requests().isEmpty());
}

TEST_F(ProxyTest, ForgedHostOrAbsoluteTargetStillReachesOnlyTheRegisteredNode) {
    start();
    QTcpServer elsewhere;
    elsewhere.listen(QHostAddress::LocalHost, 0);
    const QByteArray other = "127.0.0.1:" + QByteArray::number(elsewhere.serverPort());
    auto response = request("GET", "/proxy2/n1/x", "X-Ignored: 1\r\nHost: " + other + "\r\n");
    ASSERT_TRUE(response);
    response = request("GET", "http://" + other + "/proxy2/n1/y");
    ASSERT_TRUE(response);
    test::processEventsFor(50);
    EXPECT_FALSE(elsewhere.hasPendingConnections());
    EXPECT_EQ(upstream.requests().size(), 2);
}

TEST_F(ProxyTest, SensitiveNodePathsAreBlockedInEveryDisguise) {
    start();
    for (const QByteArray target :
         {"/proxy2/n1/env", "/proxy2/n1/ENV", "/proxy2/n1//env/", "/proxy2/n1/run_script",
          "/proxy2/n1/%65nv", "/proxy2/n1/proxy2/child/env", "/proxy2/n1/proxy2/c/run_script?x"}) {
        const auto response = request("GET", target);
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, 403) << target.constData();
        EXPECT_TRUE(response->body.contains("--allow-node-path")) << response->body.constData();
    }
    EXPECT_TRUE(upstream.requests().isEmpty());
}

TEST_F(ProxyTest, AllowedSensitivePathPassesForAnOperator) {
    test::ProxyRig::Options options;
    options.allowedNodePaths = {QStringLiteral("/env")};
    start(options);
    auto response = request("GET", "/proxy2/n1/proxy2/child/env");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    response = request("GET", "/proxy2/n1/run_script");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 403);
}

TEST_F(ProxyTest, StateChangingRequestsAreAudited) {
    QTemporaryDir dir;
    test::ProxyRig::Options options;
    options.auditPath = dir.filePath(QStringLiteral("audit.jsonl"));
    start(options);
    ASSERT_TRUE(request("POST", "/proxy2/n1/api/clear-cache", {}, "{}"));
    ASSERT_TRUE(request("GET", "/proxy2/n1/metrics"));
    ASSERT_TRUE(request("DELETE", "/proxy2/ghost/x"));
    QFile file(options.auditPath);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    ASSERT_EQ(lines.size(), 2);
    const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
    EXPECT_EQ(first.value(u"method").toString(), QStringLiteral("POST"));
    EXPECT_EQ(first.value(u"node").toString(), QStringLiteral("n1"));
    EXPECT_EQ(first.value(u"path").toString(), QStringLiteral("/api/clear-cache"));
    EXPECT_EQ(first.value(u"status").toInt(), 200);
    EXPECT_EQ(first.value(u"client").toString(), QStringLiteral("127.0.0.1"));
    EXPECT_EQ(first.value(u"token").toString(), QStringLiteral("anonymous"));
    EXPECT_FALSE(first.value(u"time").toString().isEmpty());
    EXPECT_EQ(QJsonDocument::fromJson(lines[1]).object().value(u"status").toInt(), 404);
}

TEST(StaticNodeDirectory, AcceptsOnlyHttpUrls) {
    StaticNodeDirectory nodes;
    EXPECT_FALSE(nodes.add(QStringLiteral("s"), QUrl(QStringLiteral("unix:///var/run/x.sock"))));
    EXPECT_FALSE(nodes.add(QStringLiteral("f"), QUrl(QStringLiteral("file:///etc/passwd"))));
    EXPECT_TRUE(nodes.add(QStringLiteral("h"), QUrl(QStringLiteral("https://10.0.0.5:8085"))));
}

TEST(ProxyEngineUrl, JoinsBaseAndTargetByteForByte) {
    const QUrl base(QStringLiteral("http://10.0.0.5:8085/prefix/"));
    EXPECT_EQ(ProxyEngine::upstreamUrl(base, "/a%2Fb?q=%2F")->toEncoded(),
              "http://10.0.0.5:8085/prefix/a%2Fb?q=%2F");
    EXPECT_FALSE(ProxyEngine::upstreamUrl(base, "@evil.example/x"));
}

} // namespace

namespace {

TEST_F(ProxyTest, WebSocketUpgradesAreNotProxied) {
    start();
    RawHttpClient client(rig->port());
    client.send("POST /proxy2/n1/api/clear-cache HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\n"
                "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nContent-Length: 0\r\n\r\n");
    const auto response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 404);
    test::processEventsFor(100);
    EXPECT_TRUE(upstream.requests().isEmpty());
}

} // namespace
