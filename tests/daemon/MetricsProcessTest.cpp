// The real lmcache-fleetd binary: /metrics clients that leave early must never crash it.
#include "CannedHttpPeer.h"
#include "ProgramUnderTest.h"
#include "QtPrinters.h"
#include "WaitUntil.h"
#include "net/HttpClient.h"

#include <QTcpSocket>

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;
using test::CannedHttpPeer;

namespace {
HttpResult get(const QUrl &url) {
    HttpClient client;
    std::optional<HttpResult> result;
    client.get(url, {}, nullptr, [&](const HttpResult &r) { result = r; });
    test::waitUntil([&] { return result.has_value(); }, 10000);
    return result.value_or(HttpResult{});
}
} // namespace

TEST(MetricsProcess, ClientsLeavingWhileMetricsIsPendingDoNotCrashTheDaemon) {
    CannedHttpPeer stuck({});
    const QString nodes =
        QStringLiteral(R"([{"name":"slow","host":"127.0.0.1","port":%1}])").arg(stuck.serverPort());
    test::ProgramUnderTest daemon(QStringLiteral(LMCF_FLEETD_PATH),
                                  {QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0"),
                                   QStringLiteral("--scrape-timeout=1"),
                                   QStringLiteral("--nodes=") + nodes});
    ASSERT_TRUE(daemon.start()) << daemon.errorText().toStdString();
    const QUrl base = daemon.url();

    for (int i = 0; i < 200; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(base.port()));
        ASSERT_TRUE(socket.waitForConnected(2000));
        socket.write("GET /metrics HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n");
        ASSERT_TRUE(socket.waitForBytesWritten(2000));
        // Leave at varied moments: at once, or after the daemon has started the scrape.
        if (i % 4 == 0)
            test::processEventsFor(5);
        socket.abort();
        test::processEventsFor(1);
        ASSERT_EQ(daemon.process().state(), QProcess::Running) << "after client " << i;
    }
    const HttpResult health = get(base.resolved(QUrl(QStringLiteral("/health"))));
    EXPECT_EQ(health.status, 200);
    // And /metrics itself still answers (the slow node down).
    const HttpResult metrics = get(base.resolved(QUrl(QStringLiteral("/metrics"))));
    EXPECT_EQ(metrics.status, 200);
    EXPECT_TRUE(metrics.body.contains("lmcache_fleet_node_up{node=\"slow\"} 0"));
    EXPECT_EQ(daemon.stop(), 0) << daemon.stderrText().toStdString();
}
