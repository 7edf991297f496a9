// Tokens, roles, the authorisation matrix over real sockets, the heartbeat secret, the audit log.
#include "ProxyRig.h"
#include "QtPrinters.h"
#include "RawHttpClient.h"
#include "TestUpstream.h"
#include "auth/HeartbeatGate.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace lmcf;
using test::RawHttpClient;

namespace {

TEST(TokenStore, AddedTokensIdentifyTheirOwnerAndRole) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("auth"));
    const auto alice = TokenStore::addToken(path, QStringLiteral("alice"), Role::Operator);
    const auto bob = TokenStore::addToken(path, QStringLiteral("bob"), Role::Viewer);
    ASSERT_TRUE(alice && bob);
    EXPECT_TRUE(alice->startsWith("lmcf_"));
    EXPECT_GE(alice->size(), 40);
    EXPECT_NE(alice.value(), bob.value());
    EXPECT_EQ(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther), 0);

    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    EXPECT_FALSE(text.contains(alice.value())); // only hashes are kept
    EXPECT_TRUE(
        text.startsWith(QByteArray("alice:operator:" + TokenStore::hash(alice.value()).toHex())));

    const auto store = TokenStore::load(path);
    ASSERT_TRUE(store);
    EXPECT_EQ(store->identify(alice.value())->name, QStringLiteral("alice"));
    EXPECT_EQ(store->identify(alice.value())->role, Role::Operator);
    EXPECT_EQ(store->identify(bob.value())->role, Role::Viewer);
    EXPECT_FALSE(store->identify("lmcf_wrong"));
    EXPECT_FALSE(store->identify(""));
}

TEST(TokenStore, MalformedFilesAreRefusedWithTheLine) {
    const QByteArray hex(64, 'a');
    EXPECT_TRUE(TokenStore::parse("# comment\n\nok:viewer:" + hex + "\n"));
    const auto badRole = TokenStore::parse("\nx:admin:" + hex + "\n");
    ASSERT_FALSE(badRole);
    EXPECT_TRUE(badRole.error().contains(QStringLiteral("line 2")));
    EXPECT_FALSE(TokenStore::parse("x:viewer:abc\n"));
    EXPECT_FALSE(TokenStore::parse("x:viewer\n"));
    EXPECT_FALSE(TokenStore::parse("bad name:viewer:" + hex + "\n"));
    EXPECT_FALSE(TokenStore::addToken(QStringLiteral("/nonexistent/dir/auth"), QStringLiteral("x"),
                                      Role::Viewer));
}

TEST(HeartbeatGate, NeedsTheSecretInQueryOrHeader) {
    const HeartbeatGate open;
    EXPECT_TRUE(open.admits(QUrlQuery(), {}));
    const HeartbeatGate gate("s3cret");
    EXPECT_TRUE(gate.requiresToken());
    EXPECT_TRUE(gate.admits(QUrlQuery(QStringLiteral("api_address=x&token=s3cret")), {}));
    EXPECT_TRUE(gate.admits(QUrlQuery(), "s3cret"));
    EXPECT_FALSE(gate.admits(QUrlQuery(QStringLiteral("token=s3cre")), {}));
    EXPECT_FALSE(gate.admits(QUrlQuery(QStringLiteral("token=")), "nope"));
    EXPECT_FALSE(gate.admits(QUrlQuery(), {}));
}

TEST(AuditLog, WritesOneJsonLinePerEntryWithTheInjectedClock) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.jsonl"));
    AuditLog log(path, [] { return QDateTime(QDate(2026, 11, 23), QTime(1, 2, 3, 456), Qt::UTC); });
    ASSERT_TRUE(log.open());
    log.record({Caller{QStringLiteral("alice"), Role::Operator}, QStringLiteral("10.0.0.9"),
                QStringLiteral("n1"), "POST", QStringLiteral("/api/clear-cache"), 200});
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QJsonObject line = QJsonDocument::fromJson(file.readLine()).object();
    EXPECT_EQ(line.value(u"time").toString(), QStringLiteral("2026-11-23T01:02:03.456Z"));
    EXPECT_EQ(line.value(u"token").toString(), QStringLiteral("alice"));
    EXPECT_EQ(line.value(u"role").toString(), QStringLiteral("operator"));
    EXPECT_EQ(line.value(u"status").toInt(), 200);
    EXPECT_FALSE(AuditLog(QStringLiteral("/nonexistent/dir/a.jsonl")).open());
}

TEST(Authorizer, RefusesExposedAddressesWithoutAuth) {
    EXPECT_FALSE(
        Authorizer::exposureError(QHostAddress(QStringLiteral("0.0.0.0")), false, false).isEmpty());
    EXPECT_FALSE(Authorizer::exposureError(QHostAddress(QStringLiteral("10.1.2.3")), false, false)
                     .isEmpty());
    EXPECT_TRUE(
        Authorizer::exposureError(QHostAddress(QStringLiteral("0.0.0.0")), true, false).isEmpty());
    EXPECT_TRUE(
        Authorizer::exposureError(QHostAddress(QStringLiteral("0.0.0.0")), false, true).isEmpty());
    EXPECT_TRUE(Authorizer::exposureError(QHostAddress::LocalHost, false, false).isEmpty());
    EXPECT_TRUE(Authorizer::exposureError(QHostAddress::LocalHostIPv6, false, false).isEmpty());
}

// no token / bad token / viewer / operator × read / write / sensitive / health.
class AuthMatrix : public ::testing::Test {
protected:
    void SetUp() override {
        const QString path = dir.filePath(QStringLiteral("auth"));
        viewer = TokenStore::addToken(path, QStringLiteral("val"), Role::Viewer).value();
        operatorToken = TokenStore::addToken(path, QStringLiteral("otto"), Role::Operator).value();
        test::ProxyRig::Options options;
        options.tokens = TokenStore::load(path).value();
        options.allowedNodePaths = {QStringLiteral("/env")};
        options.auditPath = dir.filePath(QStringLiteral("audit.jsonl"));
        rig = std::make_unique<test::ProxyRig>(options);
        QUrl base;
        base.setScheme(QStringLiteral("http"));
        base.setHost(QStringLiteral("127.0.0.1"));
        base.setPort(upstream.start());
        rig->nodes.add(QStringLiteral("n1"), base);
    }
    int status(const QByteArray &method, const QByteArray &target, const QByteArray &token) {
        RawHttpClient client(rig->port());
        QByteArray head = method + ' ' + target + " HTTP/1.1\r\nHost: d\r\n";
        if (!token.isEmpty())
            head += "Authorization: Bearer " + token + "\r\n";
        if (method != "GET")
            head += "Content-Length: 2\r\n\r\n{}";
        else
            head += "\r\n";
        client.send(head);
        const auto response = client.readResponse();
        return response ? response->status : -1;
    }

    QTemporaryDir dir;
    test::TestUpstream upstream;
    std::unique_ptr<test::ProxyRig> rig;
    QByteArray viewer;
    QByteArray operatorToken;
};

TEST_F(AuthMatrix, EveryRoleGetsExactlyWhatItMay) {
    struct Case {
        QByteArray method, target;
        int none, bad, asViewer, asOperator;
    };
    const Case cases[] = {
        {"GET", "/proxy2/n1/metrics", 401, 401, 200, 200},
        {"POST", "/proxy2/n1/api/clear-cache", 401, 401, 403, 200},
        {"DELETE", "/proxy2/n1/x", 401, 401, 403, 200},
        {"GET", "/proxy2/n1/env", 401, 401, 403, 200},
        {"GET", "/health", 200, 200, 200, 200},
    };
    for (const Case &c : cases) {
        const std::string what = QByteArray(c.method + ' ' + c.target).toStdString();
        EXPECT_EQ(status(c.method, c.target, {}), c.none) << what;
        EXPECT_EQ(status(c.method, c.target, "lmcf_not_a_token"), c.bad) << what;
        EXPECT_EQ(status(c.method, c.target, viewer), c.asViewer) << what;
        EXPECT_EQ(status(c.method, c.target, operatorToken), c.asOperator) << what;
    }
}

TEST_F(AuthMatrix, UnauthenticatedAnswersSayHowToAuthenticate) {
    RawHttpClient client(rig->port());
    client.send("GET /proxy2/n1/metrics HTTP/1.1\r\nHost: d\r\n\r\n");
    const auto response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 401);
    EXPECT_TRUE(response->header("www-authenticate").startsWith("Bearer"));
    EXPECT_TRUE(response->body.contains("detail"));
    EXPECT_TRUE(upstream.requests().isEmpty());
}

TEST_F(AuthMatrix, TheDaemonTokenIsNotForwardedAndTheAuditNamesTheToken) {
    ASSERT_EQ(status("POST", "/proxy2/n1/api/clear-cache", operatorToken), 200);
    EXPECT_FALSE(upstream.lastRequest().hasHeader("authorization"));
    QFile file(dir.filePath(QStringLiteral("audit.jsonl")));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QJsonObject line = QJsonDocument::fromJson(file.readLine()).object();
    EXPECT_EQ(line.value(u"token").toString(), QStringLiteral("otto"));
    EXPECT_EQ(line.value(u"role").toString(), QStringLiteral("operator"));
}

TEST_F(AuthMatrix, RefusedStateChangesAreAuditedToo) {
    ASSERT_EQ(status("POST", "/proxy2/n1/api/clear-cache", viewer), 403);
    ASSERT_EQ(status("DELETE", "/proxy2/n1/x", {}), 401);
    ASSERT_EQ(status("GET", "/proxy2/n1/metrics", {}), 401); // reads are not audited
    QFile file(dir.filePath(QStringLiteral("audit.jsonl")));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    ASSERT_EQ(lines.size(), 2);
    const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
    EXPECT_EQ(first.value(u"token").toString(), QStringLiteral("val"));
    EXPECT_EQ(first.value(u"status").toInt(), 403);
    EXPECT_EQ(first.value(u"path").toString(), QStringLiteral("/proxy2/n1/api/clear-cache"));
    EXPECT_EQ(QJsonDocument::fromJson(lines[1]).object().value(u"status").toInt(), 401);
}

} // namespace
