// The real lmcache-fleetd binary, started on an ephemeral loopback port.
#include "ProgramUnderTest.h"
#include "QtPrinters.h"
#include "WaitUntil.h"
#include "net/HttpClient.h"

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;

namespace {
test::ProgramUnderTest startDaemon(QStringList extra = {}) {
    return test::ProgramUnderTest(
        QStringLiteral(LMCF_FLEETD_PATH),
        QStringList{QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0")} + extra);
}

HttpResult get(const QUrl &url) {
    HttpClient client;
    std::optional<HttpResult> result;
    client.get(url, {}, nullptr, [&](const HttpResult &r) { result = r; });
    test::waitUntil([&] { return result.has_value(); });
    return result.value_or(HttpResult{});
}
} // namespace

TEST(DaemonProcess, AnnouncesItsRealPortAndAnswersHealth) {
    auto daemon = startDaemon();
    ASSERT_TRUE(daemon.start()) << daemon.errorText().toStdString();
    EXPECT_NE(daemon.url().port(), 0);
    const HttpResult health = get(daemon.url().resolved(QUrl(QStringLiteral("/health"))));
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.body, QByteArray(R"({"status":"healthy","service":"lmcache-monitor"})"));
}

TEST(DaemonProcess, UnknownRouteIsAJsonNotFound) {
    auto daemon = startDaemon();
    ASSERT_TRUE(daemon.start()) << daemon.errorText().toStdString();
    const HttpResult result = get(daemon.url().resolved(QUrl(QStringLiteral("/no/such"))));
    EXPECT_EQ(result.status, 404);
    EXPECT_TRUE(result.body.contains("\"detail\"")) << result.body.toStdString();
}

TEST(DaemonProcess, SigtermExitsZero) {
    auto daemon = startDaemon();
    ASSERT_TRUE(daemon.start()) << daemon.errorText().toStdString();
    EXPECT_EQ(daemon.stop(), 0);
}

TEST(DaemonProcess, BadFlagExitsTwoWithOneLine) {
    auto daemon = startDaemon({QStringLiteral("--port=nope")});
    EXPECT_FALSE(daemon.start(1, 3000));
    daemon.process().waitForFinished(3000);
    EXPECT_EQ(daemon.process().exitCode(), 2);
    EXPECT_TRUE(daemon.errorText().contains(QStringLiteral("--port")))
        << daemon.errorText().toStdString();
}
