// --upstream-token-file over real loopback: a head lmcache-fleetd in front of a second one acting
// as a node proxy (secured by --auth-file, a canned node behind it) lists, proxies (two hops) and
// scrapes that node only when it presents the token; a plain node never receives it.
#include "CannedHttpPeer.h"
#include "ProgramUnderTest.h"
#include "QtPrinters.h"
#include "RegistryRig.h"
#include "WaitUntil.h"
#include "api/ApiNodeJson.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <gtest/gtest.h>
#include <memory>

using namespace lmcf;
using namespace Qt::StringLiterals;
using test::CannedHttpPeer;
using test::ProgramUnderTest;

namespace {

const QString kFleetd = QStringLiteral(LMCF_FLEETD_PATH);
const QByteArray kChildMetrics = "lmcache_child_metric 7\n";
const QByteArray kPlainMetrics = "lmcache_plain_metric 3\n";

HttpResult get(const QUrl &base, const QString &pathAndQuery) {
    return test::fetch(QUrl(base.toString() + pathAndQuery));
}

bool sawAuthorization(const CannedHttpPeer &peer) {
    return peer.lastRequest().toLower().contains("\r\nauthorization:");
}

//! The value of `lmcache_fleet_node_up` for `node` in the head's /metrics, or -1.
int nodeUp(const QUrl &head, const QString &node) {
    const QByteArray label = "node=\"" + node.toUtf8() + '"';
    for (const QByteArray &line :
         get(head, u"/metrics?name=lmcache_fleet_node_up"_s).body.split('\n')) {
        if (line.startsWith("lmcache_fleet_node_up{") && line.contains(label))
            return line.endsWith(" 1") ? 1 : 0;
    }
    return -1;
}

class UpstreamToken : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        QProcess add;
        add.start(kFleetd, {u"token"_s, u"add"_s, u"--role"_s, u"viewer"_s, u"--name"_s, u"head"_s,
                            u"--auth-file"_s, path(u"tokens"_s)});
        ASSERT_TRUE(add.waitForFinished(10000));
        ASSERT_EQ(add.exitCode(), 0) << add.readAllStandardError().toStdString();
        m_token = add.readAllStandardOutput().trimmed();
        ASSERT_FALSE(m_token.isEmpty());
        write(u"upstream-token"_s, m_token + '\n');
        ASSERT_TRUE(m_child.isListening());
        ASSERT_TRUE(m_plain.isListening());
    }

    QString plainName() const { return u"proxy_127.0.0.1_%1"_s.arg(m_plain.serverPort()); }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    void write(const QString &name, const QByteArray &content) const {
        QFile file(path(name));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

    //! Starts the head (with the upstream token or not), the node proxy heartbeating to it, and
    //! registers the plain node at the head; waits until the head knows the node proxy.
    void startFleet(bool withToken) {
        QStringList head = {u"--host=127.0.0.1"_s,       u"--port=0"_s,
                            u"--scrape-interval=0.3"_s,  u"--scrape-timeout=1"_s,
                            u"--state-file=/dev/null"_s, u"--log-level=debug"_s};
        if (withToken)
            head << u"--upstream-token-file"_s << path(u"upstream-token"_s);
        m_head = std::make_unique<ProgramUnderTest>(kFleetd, head);
        ASSERT_TRUE(m_head->start()) << m_head->errorText().toStdString();
        m_nodeProxy = std::make_unique<ProgramUnderTest>(
            kFleetd,
            QStringList{u"--host=127.0.0.1"_s, u"--port=0"_s, u"--state-file=/dev/null"_s,
                        u"--auth-file"_s, path(u"tokens"_s), u"--heartbeat-interval=1"_s,
                        u"--heartbeat-url"_s, m_head->url().toString() + u"/lmcache_heartbeat"_s,
                        u"--nodes=[{\"name\":\"child\",\"host\":\"127.0.0.1\",\"port\":%1}]"_s.arg(
                            m_child.serverPort())});
        ASSERT_TRUE(m_nodeProxy->start()) << m_nodeProxy->errorText().toStdString();
        QUrlQuery beat;
        beat.addQueryItem(u"api_address"_s, u"http://127.0.0.1:%1"_s.arg(m_plain.serverPort()));
        beat.addQueryItem(u"other_info"_s, u"{\"heartbeat_interval\":30}"_s);
        ASSERT_EQ(
            get(m_head->url(), u"/lmcache_heartbeat?"_s + beat.toString(QUrl::FullyEncoded)).status,
            200);
        m_proxyName = u"proxy_127.0.0.1_%1"_s.arg(m_nodeProxy->url().port());
        ASSERT_TRUE(test::waitUntil(
            [&] {
                return nodeUp(m_head->url(), m_proxyName) >= 0 ||
                       nodeUp(m_head->url(), u"child"_s) >= 0;
            },
            8000))
            << get(m_head->url(), u"/api/nodes"_s).body.toStdString();
    }

    //! Names of the children the head lists under the node proxy.
    QStringList childrenAtHead() {
        const auto list = ApiNodeJson::readNodes(get(m_head->url(), u"/api/nodes"_s).body);
        QStringList names;
        if (!list)
            return names;
        for (const ProxyNode &proxy : list->tree.proxies()) {
            if (proxy.name != m_proxyName || proxy.isOwnLeaf())
                continue;
            for (const LeafNode &leaf : proxy.nodes)
                names << leaf.name;
        }
        return names;
    }

    QTemporaryDir m_dir;
    QByteArray m_token;
    CannedHttpPeer m_child{CannedHttpPeer::okReply(kChildMetrics)};
    CannedHttpPeer m_plain{CannedHttpPeer::okReply(kPlainMetrics)};
    std::unique_ptr<ProgramUnderTest> m_head;
    std::unique_ptr<ProgramUnderTest> m_nodeProxy;
    QString m_proxyName;
};

TEST_F(UpstreamToken, HeadReachesASecuredNodeProxyAndItsChildren) {
    startFleet(true);
    ASSERT_TRUE(test::waitUntil([&] { return childrenAtHead() == QStringList{u"child"_s}; }, 8000))
        << get(m_head->url(), u"/api/nodes"_s).body.toStdString();

    const HttpResult twoHops =
        get(m_head->url(), u"/proxy2/%1/proxy2/child/metrics"_s.arg(m_proxyName));
    EXPECT_EQ(twoHops.status, 200) << twoHops.body.toStdString();
    EXPECT_EQ(twoHops.body, kChildMetrics);
    const HttpResult direct = get(m_head->url(), u"/proxy2/child/metrics"_s);
    EXPECT_EQ(direct.status, 200) << direct.body.toStdString();
    EXPECT_EQ(direct.body, kChildMetrics);
    EXPECT_TRUE(test::waitUntil([&] { return nodeUp(m_head->url(), u"child"_s) == 1; }, 8000))
        << get(m_head->url(), u"/metrics"_s).body.toStdString();
    EXPECT_TRUE(get(m_head->url(), u"/metrics"_s).body.contains("lmcache_child_metric"));

    // The node proxy drops the head's Authorization on its way to the node.
    EXPECT_FALSE(sawAuthorization(m_child)) << m_child.lastRequest().toStdString();
    // The plain node was probed, scraped and proxied to without the token.
    EXPECT_TRUE(test::waitUntil([&] { return nodeUp(m_head->url(), plainName()) == 1; }, 8000));
    const int before = m_plain.requestsSeen();
    EXPECT_GE(before, 2); // the /api/nodes probe and at least one scrape
    EXPECT_FALSE(sawAuthorization(m_plain)) << m_plain.lastRequest().toStdString();
    EXPECT_EQ(get(m_head->url(), u"/proxy2/"_s + plainName() + u"/metrics"_s).status, 200);
    EXPECT_FALSE(sawAuthorization(m_plain)) << m_plain.lastRequest().toStdString();
    EXPECT_FALSE(m_head->stderrText().toUtf8().contains(m_token));
}

TEST_F(UpstreamToken, WithoutTheFlagTheNodeProxyRefusesTheHead) {
    startFleet(false);
    // Scraped as a plain node (its /api/nodes answered 401), it is down at the head.
    EXPECT_TRUE(test::waitUntil([&] { return nodeUp(m_head->url(), m_proxyName) == 0; }, 8000))
        << get(m_head->url(), u"/metrics"_s).body.toStdString();
    EXPECT_TRUE(childrenAtHead().isEmpty());
    const HttpResult twoHops =
        get(m_head->url(), u"/proxy2/%1/proxy2/child/metrics"_s.arg(m_proxyName));
    EXPECT_EQ(twoHops.status, 401) << twoHops.body.toStdString();
    EXPECT_TRUE(test::waitUntil(
        [&] { return m_head->stderrText().contains(u"--upstream-token-file"_s); }, 8000))
        << m_head->stderrText().toStdString();
}

TEST_F(UpstreamToken, TheSupplierIsAskedWithTheToken) {
    CannedHttpPeer supplier(CannedHttpPeer::okReply("[]", "application/json"));
    ProgramUnderTest head(kFleetd,
                          {u"--host=127.0.0.1"_s, u"--port=0"_s, u"--state-file=/dev/null"_s,
                           u"--upstream-token-file"_s, path(u"upstream-token"_s),
                           u"--node-supplier-url"_s, supplier.url(u"/lmcache_infos"_s).toString()});
    ASSERT_TRUE(head.start()) << head.errorText().toStdString();
    ASSERT_TRUE(test::waitUntil([&] { return supplier.requestsSeen() > 0; }, 8000));
    EXPECT_TRUE(supplier.lastRequest().contains(
        QByteArray("\r\nAuthorization: Bearer " + m_token + "\r\n")))
        << supplier.lastRequest().toStdString();
}

TEST(UpstreamTokenFile, MissingOrEmptyStopsTheDaemonWithOneLineNamingTheFlag) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QFile empty(dir.filePath(u"empty"_s));
    ASSERT_TRUE(empty.open(QIODevice::WriteOnly));
    empty.write("\n");
    empty.close();
    for (const QString &file : {dir.filePath(u"missing"_s), empty.fileName()}) {
        QProcess daemon;
        daemon.start(kFleetd, {u"--host=127.0.0.1"_s, u"--port=0"_s, u"--state-file=/dev/null"_s,
                               u"--upstream-token-file"_s, file});
        ASSERT_TRUE(daemon.waitForFinished(10000));
        EXPECT_EQ(daemon.exitCode(), 2);
        const QString error = QString::fromUtf8(daemon.readAllStandardError()).trimmed();
        EXPECT_TRUE(error.contains(u"--upstream-token-file"_s)) << error.toStdString();
        EXPECT_EQ(error.count(u'\n'), 0) << error.toStdString();
    }
}

} // namespace
