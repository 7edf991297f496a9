// The real lmcache-fleetd binary: memory while streaming 200 MB, TLS end to end, `token add`,
// and refusing to start exposed without authentication.
#include "ProgramUnderTest.h"
#include "QtPrinters.h"
#include "RawHttpClient.h"
#include "TestUpstream.h"
#include "WaitUntil.h"

#include <QFile>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace lmcf;
using test::RawHttpClient;

namespace {

QStringList nodeArguments(quint16 upstreamPort) {
    return {QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0"),
            QStringLiteral("--nodes=[{\"name\":\"n1\",\"host\":\"127.0.0.1\",\"port\":%1}]")
                .arg(upstreamPort)};
}

// A /proc/<pid>/status field in kB (VmRSS, VmHWM), or -1.
qint64 procStatusKb(qint64 pid, const QByteArray &field) {
    QFile file(QStringLiteral("/proc/%1/status").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

TEST(ProxyProcess, Streams200MegabytesInBoundedMemoryEvenToASlowClient) {
    test::TestUpstream upstream;
    test::ProgramUnderTest daemon(QStringLiteral(LMCF_FLEETD_PATH),
                                  nodeArguments(upstream.start()));
    ASSERT_TRUE(daemon.start()) << daemon.errorText().toStdString();

    constexpr qint64 total = 200LL * 1024 * 1024;
    QTcpSocket client;
    client.setReadBufferSize(64 * 1024); // a real slow reader: the kernel window fills up
    client.connectToHost(QHostAddress::LocalHost, quint16(daemon.url().port()));
    ASSERT_TRUE(test::waitUntil([&] { return client.state() == QAbstractSocket::ConnectedState; }));
    client.write("GET /proxy2/n1/big?bytes=" + QByteArray::number(total) +
                 " HTTP/1.1\r\nHost: d\r\n\r\n");
    test::processEventsFor(1500); // not reading: back-pressure must hold the node back
    const qint64 stalledRssKb = procStatusKb(daemon.pid(), "VmRSS");

    qint64 received = 0;
    QByteArray head;
    ASSERT_TRUE(test::waitUntil(
        [&] {
            const QByteArray piece = client.readAll();
            if (head.size() < 4096 && !head.contains("\r\n\r\n"))
                head += piece.left(4096);
            received += piece.size();
            return received >= total;
        },
        120000));
    const qint64 peakKb = procStatusKb(daemon.pid(), "VmHWM");
    std::printf("[ figures ] 200 MB through the proxy: daemon VmRSS while the client stalled "
                "%lld kB, VmHWM %lld kB\n",
                stalledRssKb, peakKb);
    EXPECT_TRUE(head.startsWith("HTTP/1.1 200")) << head.left(200).constData();
    EXPECT_GT(peakKb, 0);
    EXPECT_LT(peakKb, 64 * 1024);
    EXPECT_LT(stalledRssKb, 64 * 1024);
}

class OpensslCertificate : public ::testing::Test {
protected:
    void SetUp() override {
        cert = dir.filePath(QStringLiteral("cert.pem"));
        key = dir.filePath(QStringLiteral("key.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
                       QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1")});
        ASSERT_TRUE(openssl.waitForFinished(30000));
        ASSERT_EQ(openssl.exitCode(), 0) << openssl.readAllStandardError().toStdString();
    }
    QTemporaryDir dir;
    QString cert;
    QString key;
};

TEST_F(OpensslCertificate, TlsEndToEnd) {
    test::TestUpstream upstream;
    test::ProgramUnderTest daemon(
        QStringLiteral(LMCF_FLEETD_PATH),
        nodeArguments(upstream.start()) +
            QStringList{QStringLiteral("--tls-cert=") + cert, QStringLiteral("--tls-key=") + key});
    ASSERT_TRUE(daemon.start()) << daemon.errorText().toStdString();
    EXPECT_EQ(daemon.url().scheme(), QStringLiteral("https"));
    const quint16 port = quint16(daemon.url().port());

    RawHttpClient tls(port, true);
    ASSERT_TRUE(tls.socket().isEncrypted());
    tls.send("GET /health HTTP/1.1\r\nHost: d\r\n\r\n");
    auto response = tls.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    tls.send("GET /proxy2/n1/over-tls HTTP/1.1\r\nHost: d\r\n\r\n");
    response = tls.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(upstream.lastRequest().header("x-forwarded-proto"), "https");

    RawHttpClient plain(port);
    plain.send("GET /health HTTP/1.1\r\nHost: d\r\n\r\n");
    const auto refused = plain.readResponse(2000);
    EXPECT_FALSE(refused && refused->status == 200);
}

TEST_F(OpensslCertificate, BadTlsFilesStopTheStartWithExitTwo) {
    test::ProgramUnderTest daemon(QStringLiteral(LMCF_FLEETD_PATH),
                                  {QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0"),
                                   QStringLiteral("--tls-cert=") + key,
                                   QStringLiteral("--tls-key=") + key});
    EXPECT_FALSE(daemon.start(1, 5000));
    daemon.process().waitForFinished(3000);
    EXPECT_EQ(daemon.process().exitCode(), 2);
    EXPECT_TRUE(daemon.errorText().contains(QStringLiteral("--tls-cert")));
}

TEST(ProxyProcess, TokenAddPrintsATokenTheDaemonThenAccepts) {
    QTemporaryDir dir;
    const QString authFile = dir.filePath(QStringLiteral("auth"));
    QProcess add;
    add.start(QStringLiteral(LMCF_FLEETD_PATH),
              {QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--role"),
               QStringLiteral("operator"), QStringLiteral("--name"), QStringLiteral("ci"),
               QStringLiteral("--auth-file"), authFile});
    ASSERT_TRUE(add.waitForFinished(10000));
    ASSERT_EQ(add.exitCode(), 0) << add.readAllStandardError().toStdString();
    const QByteArray token = add.readAllStandardOutput().trimmed();
    EXPECT_TRUE(token.startsWith("lmcf_"));
    EXPECT_FALSE(token.contains('\n'));

    test::TestUpstream upstream;
    test::ProgramUnderTest daemon(QStringLiteral(LMCF_FLEETD_PATH),
                                  nodeArguments(upstream.start()) +
                                      QStringList{QStringLiteral("--auth-file=") + authFile});
    ASSERT_TRUE(daemon.start()) << daemon.errorText().toStdString();
    RawHttpClient client(quint16(daemon.url().port()));
    client.send("POST /proxy2/n1/api/clear-cache HTTP/1.1\r\nHost: d\r\nContent-Length: 0\r\n\r\n");
    auto response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 401);
    client.send("POST /proxy2/n1/api/clear-cache HTTP/1.1\r\nHost: d\r\nContent-Length: 0\r\n"
                "Authorization: Bearer " +
                token + "\r\n\r\n");
    response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);

    QProcess bad;
    bad.start(QStringLiteral(LMCF_FLEETD_PATH),
              {QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--role"),
               QStringLiteral("root"), QStringLiteral("--auth-file"), authFile});
    ASSERT_TRUE(bad.waitForFinished(10000));
    EXPECT_EQ(bad.exitCode(), 2);
}

TEST(ProxyProcess, RefusesToServeANonLoopbackAddressWithoutAuth) {
    test::ProgramUnderTest exposed(QStringLiteral(LMCF_FLEETD_PATH),
                                   {QStringLiteral("--host=0.0.0.0"), QStringLiteral("--port=0")});
    EXPECT_FALSE(exposed.start(1, 5000));
    exposed.process().waitForFinished(3000);
    EXPECT_EQ(exposed.process().exitCode(), 2);
    const QString stderrText = exposed.errorText();
    EXPECT_TRUE(stderrText.contains(QStringLiteral("--auth-file"))) << stderrText.toStdString();

    test::ProgramUnderTest insecure(QStringLiteral(LMCF_FLEETD_PATH),
                                    {QStringLiteral("--host=0.0.0.0"), QStringLiteral("--port=0"),
                                     QStringLiteral("--insecure-no-auth")});
    EXPECT_TRUE(insecure.start()) << insecure.errorText().toStdString();
}

TEST(ProxyProcess, UnreadableAuthFileStopsTheStartWithExitTwo) {
    test::ProgramUnderTest daemon(QStringLiteral(LMCF_FLEETD_PATH),
                                  {QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0"),
                                   QStringLiteral("--auth-file=/nonexistent/auth")});
    EXPECT_FALSE(daemon.start(1, 5000));
    daemon.process().waitForFinished(3000);
    EXPECT_EQ(daemon.process().exitCode(), 2);
}

} // namespace
