// Two real lmcache-fleetd sharing one real etcd (--registry etcd://...): what a heartbeat to
// one shows in the other, lease expiry, and an etcd outage. Timings are printed, not asserted
// beyond the issue's bounds (B sees A's heartbeat within 2 s).
#include "DaemonOptions.h"
#include "EtcdUnderTest.h"
#include "ProgramUnderTest.h"
#include "QtPrinters.h"
#include "RegistryRig.h"
#include "WaitUntil.h"
#include "discovery/HeartbeatQuery.h"
#include "discovery/InfosDocument.h"
#include "net/HttpClient.h"
#include "registry/EtcdCodec.h"
#include "registry/EtcdKeys.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <gtest/gtest.h>
#include <memory>
#include <optional>

using namespace lmcf;
using namespace Qt::StringLiterals;
using test::fetch;

namespace {

const QString kPrefix = u"fleet-test"_s;
const QString kNodeX = u"http://127.0.0.1:9"_s;
const QString kNodeY = u"http://127.0.0.1:19"_s;

//! Heartbeats `apiAddress` to a daemon every 500 ms while it lives (as an agent would).
class Beating final {
public:
    Beating(QUrl daemon, const QString &apiAddress) {
        daemon.setPath(u"/lmcache_heartbeat"_s);
        m_url = HeartbeatQuery::encode(
            daemon, Heartbeat{apiAddress, 77, u"0.3.9"_s, uR"({"heartbeat_interval":1})"_s});
        QObject::connect(&m_timer, &QTimer::timeout, [this] { beat(); });
        m_timer.start(500);
        beat();
    }

private:
    void beat() {
        m_client.get(m_url, {}, &m_timer, [](const HttpResult &) {});
    }

    QUrl m_url;
    HttpClient m_client;
    QTimer m_timer;
};

class EtcdRegistryProcessTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (test::EtcdUnderTest::executable().isEmpty())
            GTEST_SKIP() << "etcd is not installed (apt-get install etcd-server)";
        ASSERT_TRUE(m_etcd.start()) << m_etcd.errorText().toStdString();
        m_a = startDaemon(u"a"_s);
        m_b = startDaemon(u"b"_s);
    }

    std::unique_ptr<test::ProgramUnderTest> startDaemon(const QString &name) {
        auto daemon = std::make_unique<test::ProgramUnderTest>(
            QStringLiteral(LMCF_FLEETD_PATH),
            QStringList{u"--host=127.0.0.1"_s, u"--port=0"_s, u"--node-ttl=3"_s,
                        u"--registry="_s + m_etcd.registryUrl(kPrefix),
                        u"--state-file="_s + m_dir.filePath(name + u".json"_s)});
        EXPECT_TRUE(daemon->start()) << daemon->errorText().toStdString();
        return daemon;
    }

    static QUrl at(test::ProgramUnderTest &daemon, const QString &path) {
        return QUrl(daemon.url().toString(QUrl::StripTrailingSlash) + path);
    }

    static std::optional<InfosEntry> listed(test::ProgramUnderTest &daemon,
                                            const QString &address) {
        const auto entries = InfosDocument::read(fetch(at(daemon, u"/lmcache_infos"_s)).body);
        for (const InfosEntry &entry : entries ? entries.value() : QList<InfosEntry>{})
            if (entry.apiAddress == address)
                return entry;
        return std::nullopt;
    }

    static QJsonObject registryHealth(test::ProgramUnderTest &daemon) {
        const HttpResult health = fetch(at(daemon, u"/health"_s));
        EXPECT_EQ(health.status, 200);
        return QJsonDocument::fromJson(health.body).object();
    }

    static bool healthState(test::ProgramUnderTest &daemon, const QString &state) {
        return registryHealth(daemon)
                   .value(u"registry"_s)
                   .toObject()
                   .value(u"state"_s)
                   .toString() == state;
    }

    //! Whether etcd itself holds a key for `address` under the test's prefix.
    bool inEtcd(const QString &address) {
        const EtcdKeys keys(u"/"_s.append(kPrefix).toLatin1());
        const HttpResult answer =
            fetch(QUrl(u"http://127.0.0.1:%1/v3/kv/range"_s.arg(m_etcd.clientPort())), "POST",
                  EtcdCodec::rangeRequest(keys.nodeKey(address), {}));
        const auto range = EtcdCodec::parseRange(answer.body);
        return range && !range->kvs.isEmpty();
    }

    static void report(const char *what, qint64 ms) {
        std::printf("[ figure ] %s: %lld ms\n", what, static_cast<long long>(ms));
    }

    QTemporaryDir m_dir;
    test::EtcdUnderTest m_etcd;
    std::unique_ptr<test::ProgramUnderTest> m_a;
    std::unique_ptr<test::ProgramUnderTest> m_b;
};

} // namespace

TEST_F(EtcdRegistryProcessTest, HeartbeatToOneDaemonShowsInTheOtherAndLeavesWithItsLease) {
    ASSERT_TRUE(test::waitUntil([&] { return healthState(*m_a, u"ok"_s); }));
    ASSERT_TRUE(test::waitUntil([&] { return healthState(*m_b, u"ok"_s); }));
    EXPECT_EQ(registryHealth(*m_a).value(u"status"_s).toString(), u"healthy"_s);

    QElapsedTimer clock;
    auto beating = std::make_unique<Beating>(m_a->url(), kNodeX);
    clock.start();
    ASSERT_TRUE(test::waitUntil([&] { return listed(*m_b, kNodeX).has_value(); }, 2000))
        << "daemon B did not see daemon A's heartbeat within 2 s";
    report("heartbeat to A visible in B", clock.elapsed());
    const auto seen = listed(*m_b, kNodeX);
    EXPECT_EQ(seen->pid, 77);
    EXPECT_EQ(seen->otherInfo, uR"({"heartbeat_interval":1})"_s);
    EXPECT_TRUE(inEtcd(kNodeX));

    beating.reset(); // the node goes silent; its lease (TTL 3 s) runs out
    clock.restart();
    ASSERT_TRUE(test::waitUntil([&] { return !inEtcd(kNodeX); }, 8000));
    report("silent node's key deleted by etcd (lease TTL 3 s)", clock.elapsed());
    ASSERT_TRUE(
        test::waitUntil([&] { return !listed(*m_a, kNodeX) && !listed(*m_b, kNodeX); }, 3000));
    report("silent node gone from both daemons", clock.elapsed());
}

TEST_F(EtcdRegistryProcessTest, EtcdDownKeepsTheLastViewAndCatchesUpWhenBack) {
    Beating x(m_a->url(), kNodeX);
    ASSERT_TRUE(test::waitUntil([&] { return listed(*m_b, kNodeX).has_value(); }, 5000));

    m_etcd.stop();
    QElapsedTimer clock;
    clock.start();
    ASSERT_TRUE(test::waitUntil(
        [&] { return healthState(*m_a, u"degraded"_s) && healthState(*m_b, u"degraded"_s); },
        5000));
    report("both daemons report degraded after etcd stopped", clock.elapsed());
    const QJsonObject health = registryHealth(*m_b);
    EXPECT_EQ(health.value(u"status"_s).toString(), u"degraded"_s);
    EXPECT_FALSE(health.value(u"registry"_s).toObject().value(u"reason"_s).toString().isEmpty());
    EXPECT_EQ(health.value(u"registry"_s).toObject().value(u"kind"_s).toString(), u"etcd"_s);

    // A node joins B while etcd is away; B's last view keeps X past X's TTL (3 s).
    Beating y(m_b->url(), kNodeY);
    test::processEventsFor(3500);
    EXPECT_TRUE(listed(*m_b, kNodeX)) << "B dropped its last view while etcd was down";
    EXPECT_TRUE(listed(*m_b, kNodeY));
    EXPECT_FALSE(listed(*m_a, kNodeY));

    ASSERT_TRUE(m_etcd.restart()) << m_etcd.errorText().toStdString();
    clock.restart();
    ASSERT_TRUE(test::waitUntil(
        [&] { return healthState(*m_a, u"ok"_s) && healthState(*m_b, u"ok"_s); }, 8000));
    report("both daemons back in step after etcd restarted", clock.elapsed());
    ASSERT_TRUE(test::waitUntil([&] { return listed(*m_a, kNodeY).has_value(); }, 3000))
        << "A did not catch up with the node that joined B during the outage";
    report("node that joined B during the outage visible in A", clock.elapsed());
    EXPECT_TRUE(listed(*m_b, kNodeX));
    EXPECT_TRUE(inEtcd(kNodeX));
    EXPECT_TRUE(inEtcd(kNodeY));
}

TEST(EtcdRegistryOptions, BadRegistryUrlExitsTwoNamingTheFlag) {
    test::ProgramUnderTest daemon(
        QStringLiteral(LMCF_FLEETD_PATH),
        {u"--host=127.0.0.1"_s, u"--port=0"_s, u"--registry=etcd://h:99999/p"_s});
    EXPECT_FALSE(daemon.start(1, 3000));
    daemon.process().waitForFinished(3000);
    EXPECT_EQ(daemon.process().exitCode(), 2);
    EXPECT_TRUE(daemon.errorText().contains(u"--registry: host 1: expected a port"_s))
        << daemon.errorText().toStdString();
}

TEST(EtcdRegistryOptions, MemoryIsTheDefaultAndEtcdUrlsAreParsed) {
    const auto fleetd = u"lmcache-fleetd"_s;
    EXPECT_FALSE(DaemonOptions::parse({fleetd})->etcdRegistry);
    EXPECT_FALSE(DaemonOptions::parse({fleetd, u"--registry=memory"_s})->etcdRegistry);
    const auto shared = DaemonOptions::parse({fleetd, u"--registry=etcd://a:1,b:2/p"_s});
    ASSERT_TRUE(shared) << shared.error().toStdString();
    ASSERT_TRUE(shared->etcdRegistry);
    EXPECT_EQ(shared->etcdRegistry->endpoints.size(), 2);
    EXPECT_EQ(shared->etcdRegistry->prefix, QByteArrayLiteral("/p"));
    const auto bad = DaemonOptions::parse({fleetd, u"--registry=consul://x"_s});
    ASSERT_FALSE(bad);
    EXPECT_TRUE(bad.error().startsWith(u"--registry: expected etcd://"_s))
        << bad.error().toStdString();
}
