// The reverse proxy in-process over real loopback sockets: a raw-socket node stand-in
// (TestUpstream) behind the daemon's proxy pieces (ProxyRig), driven by a byte-level client.
#include "ProxyFixture.h"
#include "QtPrinters.h"
#include "RawHttpClient.h"
#include "TestUpstream.h"
#include "WaitUntil.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace lmcf;
using test::RawHttpClient;
using test::RawResponse;

namespace {

using test::ProxyTest;

TEST_F(ProxyTest, PathQueryMethodAndBodyGoUpstreamExactly) {
    start();
    const auto response = request("POST", "/proxy2/n1/api/x%2Fy/z?a=1&b=%2F&c",
                                  "Content-Type: text/plain\r\n", "payload");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    const auto seen = upstream.lastRequest();
    EXPECT_EQ(seen.method, "POST");
    EXPECT_EQ(seen.target, "/api/x%2Fy/z?a=1&b=%2F&c");
    EXPECT_EQ(seen.body, "payload");
    EXPECT_EQ(seen.header("content-type"), "text/plain");
    EXPECT_EQ(seen.header("content-length"), "7");
}

TEST_F(ProxyTest, EveryMethodIsForwarded) {
    start();
    for (const QByteArray method : {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"}) {
        const auto response =
            request(method, "/proxy2/n1/m", {},
                    method == "GET" || method == "HEAD" ? QByteArray() : QByteArray("b"));
        ASSERT_TRUE(response) << method.constData();
        EXPECT_EQ(response->status, 200) << method.constData();
        EXPECT_EQ(upstream.lastRequest().method, method);
    }
}

TEST_F(ProxyTest, NodeRootAndFrontendOfFrontendsPaths) {
    start();
    ASSERT_TRUE(request("GET", "/proxy2/n1/"));
    EXPECT_EQ(upstream.lastRequest().target, "/");
    ASSERT_TRUE(request("GET", "/proxy2/n1/proxy2/child/metrics?x=1"));
    EXPECT_EQ(upstream.lastRequest().target, "/proxy2/child/metrics?x=1");
}

TEST_F(ProxyTest, HopByHopHeadersAndDaemonCredentialsStayBehind) {
    start();
    const auto response = request("GET", "/proxy2/n1/h",
                                  "Connection: keep-alive, X-Secret\r\nX-Secret: s\r\n"
                                  "Keep-Alive: timeout=5\r\nTE: trailers\r\nTrailers: x\r\n"
                                  "Proxy-Authorization: Basic eA==\r\nAuthorization: Bearer abc\r\n"
                                  "X-Kept: yes\r\n");
    ASSERT_TRUE(response);
    const auto seen = upstream.lastRequest();
    for (const char *gone :
         {"x-secret", "keep-alive", "te", "trailers", "proxy-authorization", "authorization"})
        EXPECT_FALSE(seen.hasHeader(gone)) << gone;
    EXPECT_EQ(seen.header("x-kept"), "yes");
    EXPECT_NE(seen.header("host"), "daemon.example"); // the node's own authority
    EXPECT_EQ(seen.header("x-forwarded-for"), "127.0.0.1");
    EXPECT_EQ(seen.header("x-forwarded-proto"), "http");
    EXPECT_EQ(seen.header("x-forwarded-host"), "daemon.example");
    // The node's hop-by-hop answer headers (and what its Connection: names) are dropped too.
    EXPECT_FALSE(response->hasHeader("x-private"));
    EXPECT_FALSE(response->hasHeader("keep-alive"));
}

TEST_F(ProxyTest, ForwardedHeadersFromUntrustedClientsAreReplaced) {
    start();
    ASSERT_TRUE(request("GET", "/proxy2/n1/f",
                        "X-Forwarded-For: 6.6.6.6\r\nX-Forwarded-Proto: https\r\n"
                        "X-Forwarded-Host: evil.example\r\n"));
    const auto seen = upstream.lastRequest();
    EXPECT_EQ(seen.header("x-forwarded-for"), "127.0.0.1");
    EXPECT_EQ(seen.header("x-forwarded-proto"), "http");
    EXPECT_EQ(seen.header("x-forwarded-host"), "daemon.example");
}

TEST_F(ProxyTest, ForwardedHeadersFromTrustedProxiesAreExtended) {
    test::ProxyRig::Options options;
    options.engine.trustedProxies = {QStringLiteral("127.0.0.0/8")};
    start(options);
    ASSERT_TRUE(request("GET", "/proxy2/n1/f",
                        "X-Forwarded-For: 6.6.6.6\r\nX-Forwarded-Proto: https\r\n"
                        "X-Forwarded-Host: front.example\r\n"));
    const auto seen = upstream.lastRequest();
    EXPECT_EQ(seen.header("x-forwarded-for"), "6.6.6.6, 127.0.0.1");
    EXPECT_EQ(seen.header("x-forwarded-proto"), "https");
    EXPECT_EQ(seen.header("x-forwarded-host"), "front.example");
}

TEST_F(ProxyTest, UnknownNodeIs404Json) {
    start();
    const auto response = request("GET", "/proxy2/ghost/metrics");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 404);
    EXPECT_EQ(response->body, R"({"detail":"unknown node: ghost"})");
}

TEST_F(ProxyTest, RefusedConnectionIs502) {
    start();
    QTcpServer closed;
    closed.listen(QHostAddress::LocalHost, 0);
    const quint16 deadPort = closed.serverPort();
    closed.close();
    rig->nodes.add(QStringLiteral("dead"), test::local(deadPort));
    const auto response = request("GET", "/proxy2/dead/metrics");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 502);
    EXPECT_TRUE(response->body.contains("refused")) << response->body.constData();
}

// A listener whose accept queue is full drops new SYNs: connecting to it hangs.
TEST_F(ProxyTest, NodeThatNeverAcceptsIs504AfterTheConnectTimeout) {
    start(); // connect timeout 500 ms
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(listener, 0), 0);
    socklen_t length = sizeof address;
    ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length);
    const quint16 port = ntohs(address.sin_port);
    std::vector<std::unique_ptr<QTcpSocket>> fillers;
    for (int i = 0; i < 3; ++i) {
        fillers.push_back(std::make_unique<QTcpSocket>());
        fillers.back()->connectToHost(QHostAddress::LocalHost, port);
    }
    test::processEventsFor(200);
    rig->nodes.add(QStringLiteral("stuck"), test::local(port));
    const auto response = request("GET", "/proxy2/stuck/metrics");
    ::close(listener);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 504);
    EXPECT_TRUE(response->body.contains("connect")) << response->body.constData();
}

TEST_F(ProxyTest, SilentNodeIs504AfterTheReadTimeout) {
    test::ProxyRig::Options options;
    options.engine.readTimeoutMs = 300;
    start(options);
    const auto response = request("GET", "/proxy2/n1/hang");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 504);
    EXPECT_TRUE(response->body.contains("did not answer")) << response->body.constData();
}

TEST_F(ProxyTest, SlowButWithinTimeoutNodeAnswers) {
    test::ProxyRig::Options options;
    options.engine.readTimeoutMs = 2000;
    start(options); // connect timeout 500 ms: must not cut a connected node that thinks longer
    const auto response = request("GET", "/proxy2/n1/slow?ms=800");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "slow");
}

TEST_F(ProxyTest, RedirectsArePassedNotFollowed) {
    start();
    const auto response = request("GET", "/proxy2/n1/redirect");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 302);
    EXPECT_EQ(response->header("location"), "/elsewhere");
    EXPECT_EQ(upstream.requests().size(), 1);
}

TEST_F(ProxyTest, NodeStatusesPassThrough) {
    start();
    for (int code : {201, 400, 404, 500, 503}) {
        const auto response = request("GET", "/proxy2/n1/status?code=" + QByteArray::number(code));
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, code);
        EXPECT_EQ(response->body, "status");
    }
}

TEST_F(ProxyTest, ChunkedNodeAnswerIsReframed) {
    start();
    const auto response = request("GET", "/proxy2/n1/chunked");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "hello world");
    EXPECT_TRUE(response->header("transfer-encoding").contains("chunked"));
}

TEST_F(ProxyTest, RepeatedSetCookieHeadersStaySeparate) {
    start();
    const auto response = request("GET", "/proxy2/n1/cookies");
    ASSERT_TRUE(response);
    QList<QByteArray> cookies;
    for (const auto &[name, value] : response->headers) {
        if (name.compare("set-cookie", Qt::CaseInsensitive) == 0)
            cookies << value;
    }
    EXPECT_EQ(cookies, (QList<QByteArray>{"a=1", "b=2"}));
}

TEST_F(ProxyTest, HeadAnswersCarryNoBodyAndTheConnectionStaysUsable) {
    start();
    RawHttpClient client(rig->port());
    client.send("HEAD /proxy2/n1/thing HTTP/1.1\r\nHost: d\r\n\r\n");
    const auto head = client.readResponse(5000, true);
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200);
    EXPECT_EQ(head->header("content-length"), "1234");
    client.send("GET /proxy2/n1/next HTTP/1.1\r\nHost: d\r\n\r\n");
    const auto next = client.readResponse();
    ASSERT_TRUE(next);
    EXPECT_EQ(next->status, 200);
    EXPECT_TRUE(next->body.startsWith("GET /next")) << next->body.constData();
}

TEST_F(ProxyTest, SequentialRequestsReuseOneUpstreamConnection) {
    start();
    for (int i = 0; i < 50; ++i)
        ASSERT_TRUE(request("GET", "/proxy2/n1/seq"));
    EXPECT_EQ(upstream.requests().size(), 50);
    EXPECT_EQ(upstream.acceptedConnections(), 1);
}

TEST_F(ProxyTest, ParallelRequestsUseMoreThanSixConnections) {
    start();
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (int i = 0; i < 24; ++i) {
        clients.push_back(std::make_unique<RawHttpClient>(rig->port()));
        clients.back()->send("GET /proxy2/n1/slow?ms=300 HTTP/1.1\r\nHost: d\r\n\r\n");
    }
    for (auto &client : clients) {
        const auto response = client->readResponse();
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, 200);
    }
    EXPECT_GT(upstream.acceptedConnections(), 6);
    // And they are kept: the next wave reuses them.
    const int accepted = upstream.acceptedConnections();
    ASSERT_TRUE(request("GET", "/proxy2/n1/again"));
    EXPECT_EQ(upstream.acceptedConnections(), accepted);
}

TEST_F(ProxyTest, ClientsLeavingDuringASlowNodeNeverCrashTheDaemon) {
    start();
    for (int i = 0; i < 1000; ++i) {
        const qsizetype before = upstream.requests().size();
        auto client = std::make_unique<RawHttpClient>(rig->port());
        client->send("GET /proxy2/n1/slow?ms=20000 HTTP/1.1\r\nHost: d\r\n\r\n");
        ASSERT_TRUE(test::waitUntil([&] { return upstream.requests().size() > before; }))
            << "round " << i;
        client.reset(); // aborts the connection while the node is still thinking
    }
    // The aborted node requests are cancelled, so the node's connections close.
    EXPECT_TRUE(test::waitUntil([&] { return upstream.openConnections() < 60; }, 10000))
        << upstream.openConnections();
    const auto after = request("GET", "/proxy2/n1/still-alive");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, 200);
}

TEST_F(ProxyTest, ClientsLeavingMidStreamNeverCrashTheDaemon) {
    start();
    for (int i = 0; i < 30; ++i) {
        RawHttpClient client(rig->port());
        client.send("GET /proxy2/n1/big?bytes=50000000 HTTP/1.1\r\nHost: d\r\n\r\n");
        ASSERT_TRUE(test::waitUntil([&] { return client.socket().bytesAvailable() > 100000; }));
    }
    const auto after = request("GET", "/proxy2/n1/still-alive");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, 200);
}

} // namespace

namespace {

TEST_F(ProxyTest, NodeClosingAfterItsAnswerIsNotReused) {
    start();
    auto response = request("GET", "/proxy2/n1/close-after");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->body, "bye");
    response = request("GET", "/proxy2/n1/next");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(upstream.acceptedConnections(), 2);
}

TEST_F(ProxyTest, CloseDelimitedNodeAnswerIsReframedForTheClient) {
    start();
    const auto response = request("GET", "/proxy2/n1/http10");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "until-close");
    EXPECT_TRUE(response->header("transfer-encoding").contains("chunked"));
}

TEST_F(ProxyTest, CloseDelimitedAnswerToAnHttp10ClientEndsWithTheConnection) {
    start();
    RawHttpClient client(rig->port());
    client.send("GET /proxy2/n1/http10 HTTP/1.0\r\n\r\n");
    const auto response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->body, "until-close");
    EXPECT_FALSE(response->hasHeader("transfer-encoding"));
    EXPECT_TRUE(client.waitClosed());
}

TEST_F(ProxyTest, InterimAnswersFromTheNodeAreSkipped) {
    start();
    const auto response = request("GET", "/proxy2/n1/interim");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "after-interim");
    EXPECT_TRUE(response->interim.isEmpty());
}

TEST_F(ProxyTest, StaleKeptAliveConnectionIsRetriedOnceForIdempotentRequests) {
    start();
    ASSERT_TRUE(request("GET", "/proxy2/n1/first"));
    upstream.setDropReusedConnections(true);
    auto response = request("GET", "/proxy2/n1/second");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(upstream.acceptedConnections(), 2);
    // A POST may have been acted on: it is not resent, the client learns it failed.
    response = request("POST", "/proxy2/n1/third", {}, "x");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 502);
}

} // namespace
