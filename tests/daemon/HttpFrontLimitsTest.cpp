// The HTTP front's connection rules that Qt 6.4 lacks: body budget before buffering,
// 100-continue, Connection: close, HTTP/1.0, idle timeout, connection cap, HEAD.
#include "QtPrinters.h"
#include "RawHttpClient.h"
#include "WaitUntil.h"
#include "http/HttpFront.h"
#include "http/PendingReply.h"
#include "http/RequestFraming.h"

#include <QHttpServer>

#include <gtest/gtest.h>

using namespace lmcf;
using test::RawHttpClient;

namespace {

class HttpFrontLimits : public ::testing::Test {
protected:
    void start(ConnectionLimits limits) {
        front = std::make_unique<HttpFront>(limits);
        front->server().route(QStringLiteral("/echo"), [this](const QHttpServerRequest &request,
                                                              QHttpServerResponder &&responder) {
            ++handled;
            PendingReply reply(std::move(responder), request);
            reply.send(200, request.body().isEmpty() ? QByteArray("empty") : request.body(),
                       QByteArrayLiteral("text/plain"));
        });
        front->server().route(QStringLiteral("/big"), [this](const QHttpServerRequest &request,
                                                             QHttpServerResponder &&responder) {
            PendingReply::sendPaced(PendingReply::make(std::move(responder), request), 200, bigBody,
                                    QByteArrayLiteral("text/plain"));
        });
        port = front->listen(QHostAddress::LocalHost, 0).value();
    }
    QByteArray bigBody;
    std::unique_ptr<HttpFront> front;
    quint16 port = 0;
    int handled = 0;
};

TEST_F(HttpFrontLimits, BodyOverTheLimitIs413BeforeTheHandler) {
    ConnectionLimits limits;
    limits.maxBodyBytes = 1024;
    start(limits);
    RawHttpClient client(port);
    client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4096\r\n\r\n" +
                QByteArray(4096, 'a'));
    const auto response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 413);
    EXPECT_TRUE(response->body.contains("max-body"));
    EXPECT_TRUE(client.waitClosed());
    EXPECT_EQ(handled, 0);
}

TEST_F(HttpFrontLimits, ChunkedBodyOverTheLimitIs413) {
    ConnectionLimits limits;
    limits.maxBodyBytes = 1024;
    start(limits);
    RawHttpClient client(port);
    client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                "400\r\n" +
                QByteArray(1024, 'a') + "\r\n10\r\n" + QByteArray(16, 'b') + "\r\n");
    const auto response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 413);
    EXPECT_EQ(handled, 0);
}

TEST_F(HttpFrontLimits, BodyWithinTheLimitArrives) {
    ConnectionLimits limits;
    limits.maxBodyBytes = 1024;
    start(limits);
    RawHttpClient client(port);
    client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1024\r\n\r\n" +
                QByteArray(1024, 'a'));
    const auto response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body.size(), 1024);
}

TEST_F(HttpFrontLimits, ExpectContinueIsAnsweredBeforeTheBody) {
    start({});
    RawHttpClient client(port);
    client.send(
        "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    QByteArray seen;
    ASSERT_TRUE(test::waitUntil([&] {
        seen += client.socket().readAll();
        return seen.contains("\r\n\r\n");
    }));
    EXPECT_TRUE(seen.startsWith("HTTP/1.1 100 Continue\r\n\r\n")) << seen.constData();
    client.send("hello");
    const auto response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "hello");
}

TEST_F(HttpFrontLimits, ExpectContinueOverTheLimitIs413WithoutTheBody) {
    ConnectionLimits limits;
    limits.maxBodyBytes = 10;
    start(limits);
    RawHttpClient client(port);
    client.send(
        "PUT /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 99\r\n\r\n");
    const auto response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 413);
    EXPECT_TRUE(response->interim.isEmpty());
}

TEST_F(HttpFrontLimits, ConnectionCloseIsHonoured) {
    start({});
    RawHttpClient client(port);
    client.send("GET /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const auto response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->header("connection"), "close");
    EXPECT_TRUE(client.waitClosed(2000));
}

TEST_F(HttpFrontLimits, Http10ConnectionsCloseAfterTheAnswer) {
    start({});
    RawHttpClient client(port);
    client.send("GET /echo HTTP/1.0\r\n\r\n");
    const auto response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_TRUE(client.waitClosed(2000));
}

TEST_F(HttpFrontLimits, KeepAliveIsTheDefault) {
    start({});
    RawHttpClient client(port);
    for (int i = 0; i < 3; ++i) {
        client.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto response = client.readResponse();
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, 200);
    }
    EXPECT_TRUE(client.isConnected());
}

TEST_F(HttpFrontLimits, IdleConnectionsAreClosed) {
    ConnectionLimits limits;
    limits.idleTimeoutMs = 200;
    start(limits);
    RawHttpClient client(port);
    ASSERT_TRUE(client.isConnected());
    EXPECT_TRUE(client.waitClosed(3000));
}

TEST_F(HttpFrontLimits, ConnectionsOverTheCapGet503) {
    ConnectionLimits limits;
    limits.maxConnections = 2;
    start(limits);
    RawHttpClient first(port), second(port);
    ASSERT_TRUE(test::waitUntil([&] { return front->openConnections() == 2; }));
    RawHttpClient third(port);
    const auto response = third.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 503);
    first.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(first.readResponse());
}

TEST_F(HttpFrontLimits, OversizedHeadIs431) {
    ConnectionLimits limits;
    limits.maxHeadBytes = 1024;
    start(limits);
    RawHttpClient client(port);
    client.send("GET /echo HTTP/1.1\r\nX-Big: " + QByteArray(4096, 'h') + "\r\n\r\n");
    const auto response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 431);
    EXPECT_EQ(handled, 0);
}

TEST_F(HttpFrontLimits, HeadOfAnUnknownRouteHasNoBody) {
    start({});
    RawHttpClient client(port);
    client.send("HEAD /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto head = client.readResponse(5000, true);
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 404);
    client.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto next = client.readResponse();
    ASSERT_TRUE(next);
    EXPECT_EQ(next->status, 200); // no stray body bytes were in the way
}

TEST_F(HttpFrontLimits, PacedBodiesArriveWholeOnOneConnection) {
    for (int i = 0; i < 6 * 1024 * 1024 / 16; ++i)
        bigBody += QByteArray::number(i).rightJustified(15, '0') + '\n';
    start({});
    RawHttpClient client(port);
    for (int round = 0; round < 2; ++round) {
        client.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto response = client.readResponse(20000);
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, 200);
        EXPECT_EQ(response->header("content-length"), QByteArray::number(bigBody.size()));
        EXPECT_TRUE(response->body == bigBody) << "round " << round;
    }
    client.send("HEAD /big HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto head = client.readResponse(5000, true);
    ASSERT_TRUE(head);
    EXPECT_TRUE(head->body.isEmpty());
}

TEST(RequestFraming, FollowsLengthAndChunkedBodiesAcrossPieces) {
    RequestFraming framing({100, 1024});
    QList<RequestFraming::Head> heads;
    const auto collect = [&](const RequestFraming::Head &head) { heads << head; };
    const QByteArray stream = "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
                              "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "3;ext=1\r\nabc\r\n0\r\nTrailer: t\r\n\r\n"
                              "GET / HTTP/1.0\r\n\r\n";
    for (qsizetype i = 0; i < stream.size(); i += 3)
        ASSERT_EQ(
            framing.feed(QByteArrayView(stream).sliced(i, qMin<qsizetype>(3, stream.size() - i)),
                         collect),
            RequestFraming::Verdict::Fine);
    ASSERT_EQ(heads.size(), 3);
    EXPECT_EQ(heads[0].contentLength, 5);
    EXPECT_TRUE(heads[1].chunked);
    EXPECT_TRUE(heads[2].http10);
    EXPECT_TRUE(heads[2].closeAfter);
}

TEST(RequestFraming, RefusesConflictingLengthsAndBadChunks) {
    const auto verdict = [](const QByteArray &bytes) {
        RequestFraming framing({100, 1024});
        return framing.feed(bytes, [](const RequestFraming::Head &) {});
    };
    EXPECT_EQ(verdict("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"),
              RequestFraming::Verdict::Malformed);
    EXPECT_EQ(verdict("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"),
              RequestFraming::Verdict::Malformed);
    EXPECT_EQ(verdict("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
              RequestFraming::Verdict::Malformed);
    EXPECT_EQ(verdict("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n"),
              RequestFraming::Verdict::BodyTooLarge);
    EXPECT_EQ(verdict("garbage\r\n\r\n"), RequestFraming::Verdict::Malformed);
}

} // namespace
