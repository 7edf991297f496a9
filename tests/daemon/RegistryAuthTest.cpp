// Who may use the registry routes: heartbeat token, viewer/operator tokens, audited edits.
#include "QtPrinters.h"
#include "RegistryRig.h"
#include "WaitUntil.h"
#include "auth/TokenStore.h"
#include "net/HttpClient.h"

#include <QFile>
#include <QNetworkRequest>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;
using test::fetch;
using test::InProcessDaemon;

namespace {
const QString kNode = QStringLiteral("http://127.0.0.1:9001");
} // namespace

namespace {
HttpResult withToken(const QUrl &url, const QByteArray &token, const QByteArray &method = "GET",
                     const QByteArray &body = {}) {
    HttpClient client;
    std::optional<HttpResult> result;
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token);
    client.send(request, method, body, {}, nullptr, [&](const HttpResult &r) { result = r; });
    test::waitUntil([&] { return result.has_value(); });
    return result.value_or(HttpResult{});
}
} // namespace

TEST(RegistryRoutes, TokensGuardReadsEditsAndHeartbeats) {
    QTemporaryDir dir;
    const QString tokens = dir.filePath(QStringLiteral("tokens"));
    const auto viewer = TokenStore::addToken(tokens, QStringLiteral("v"), Role::Viewer);
    const auto operatorToken = TokenStore::addToken(tokens, QStringLiteral("o"), Role::Operator);
    ASSERT_TRUE(viewer && operatorToken);
    DaemonOptions options;
    options.authFile = tokens;
    options.heartbeatToken = QStringLiteral("s3cret");
    options.auditLog = dir.filePath(QStringLiteral("audit.jsonl"));
    InProcessDaemon daemon(options);
    ASSERT_TRUE(daemon.start()) << daemon.app().configurationError().toStdString();

    EXPECT_EQ(daemon.heartbeat(kNode).status, 403);
    EXPECT_EQ(fetch(daemon.url(QStringLiteral("/lmcache_heartbeat?token=s3cret&api_address=http%3A"
                                              "%2F%2F127.0.0.1%3A9001")))
                  .status,
              200);
    EXPECT_EQ(fetch(daemon.url(QStringLiteral("/api/nodes"))).status, 401);
    EXPECT_EQ(fetch(daemon.url(QStringLiteral("/lmcache_infos"))).status, 401);
    EXPECT_EQ(fetch(daemon.url(QStringLiteral("/api/sd"))).status, 401);
    EXPECT_EQ(withToken(daemon.url(QStringLiteral("/api/nodes")), *viewer).status, 200);
    EXPECT_EQ(withToken(daemon.url(QStringLiteral("/api/proxies/nope/nodes")), *viewer).status,
              404);
    const QByteArray proxy = R"({"name":"p1","host":"127.0.0.1","port":9100})";
    EXPECT_EQ(withToken(daemon.url(QStringLiteral("/api/proxies")), *viewer, "POST", proxy).status,
              403);
    EXPECT_EQ(
        withToken(daemon.url(QStringLiteral("/api/proxies")), *operatorToken, "POST", proxy).status,
        201);
    EXPECT_EQ(withToken(daemon.url(QStringLiteral("/api/nodes/p1")), *viewer, "DELETE").status,
              403);

    QFile audit(options.auditLog);
    ASSERT_TRUE(audit.open(QIODevice::ReadOnly));
    const QByteArray lines = audit.readAll();
    EXPECT_TRUE(lines.contains("\"path\":\"/api/proxies\"")) << lines.toStdString();
    EXPECT_TRUE(lines.contains("\"status\":201")) << lines.toStdString();
}
