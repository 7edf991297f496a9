#include "net/HttpClient.h"

#include "CannedHttpPeer.h"
#include "QtPrinters.h"
#include "WaitUntil.h"

#include <QTcpServer>
#include <QTcpSocket>

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;

namespace {

using test::CannedHttpPeer;

std::optional<HttpResult> fetch(HttpClient &client, const QUrl &url, int timeoutMs = 2000) {
    std::optional<HttpResult> result;
    HttpRequestOptions options;
    options.timeoutMs = timeoutMs;
    client.get(url, options, nullptr, [&](const HttpResult &r) { result = r; });
    test::waitUntil([&] { return result.has_value(); }, timeoutMs + 3000);
    return result;
}

} // namespace

TEST(HttpClient, ReturnsStatusAndBody) {
    CannedHttpPeer peer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Test: yes\r\n\r\nhello");
    HttpClient client;
    const auto result = fetch(client, peer.url(QStringLiteral("/x")));
    ASSERT_TRUE(result.has_value());
    EXPECT_TRUE(result->ok()) << result->error.toStdString();
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(result->body, QByteArray("hello"));
    EXPECT_EQ(result->header("x-test"), QByteArray("yes"));
}

TEST(HttpClient, ErrorStatusIsNotATransferError) {
    CannedHttpPeer peer("HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno");
    HttpClient client;
    const auto result = fetch(client, peer.url(QStringLiteral("/missing")));
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->status, 404);
    EXPECT_TRUE(result->error.isEmpty());
    EXPECT_FALSE(result->ok());
    EXPECT_EQ(result->body, QByteArray("no"));
}

TEST(HttpClient, SilentPeerTimesOut) {
    CannedHttpPeer peer({});
    HttpClient client;
    const auto result = fetch(client, peer.url(QStringLiteral("/slow")), 300);
    ASSERT_TRUE(result.has_value());
    EXPECT_TRUE(result->timedOut);
    EXPECT_EQ(result->status, 0);
    EXPECT_FALSE(result->error.isEmpty());
}

TEST(HttpClient, RefusedConnectionIsAnError) {
    quint16 closedPort;
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        closedPort = probe.serverPort();
    }
    HttpClient client;
    const auto result = fetch(client, QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(closedPort)));
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->status, 0);
    EXPECT_FALSE(result->error.isEmpty());
}

TEST(HttpClient, AnswerCutMidBodyIsAnErrorDespiteItsStatus) {
    // A node that dies while sending its metrics must not be taken for a short, good answer.
    QTcpServer peer;
    peer.listen(QHostAddress::LocalHost, 0);
    QObject::connect(&peer, &QTcpServer::newConnection, &peer, [&peer] {
        QTcpSocket *socket = peer.nextPendingConnection();
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial");
            socket->disconnectFromHost();
        });
    });
    HttpClient client;
    const auto result =
        fetch(client, QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(peer.serverPort())));
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->status, 200);
    EXPECT_FALSE(result->error.isEmpty());
    EXPECT_FALSE(result->ok());
    EXPECT_TRUE(result->body.isEmpty());
}
