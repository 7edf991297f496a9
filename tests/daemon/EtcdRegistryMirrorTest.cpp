// EtcdRegistryMirror in this process against a real etcd: what synchronising (at start and on
// catching up after an outage: the same path) keeps and drops.
#include "registry/EtcdRegistryMirror.h"

#include "EtcdUnderTest.h"
#include "QtPrinters.h"
#include "WaitUntil.h"
#include "registry/EtcdGateway.h"
#include "registry/EtcdKeys.h"
#include "registry/NodeRegistry.h"

#include <gtest/gtest.h>
#include <memory>

using namespace lmcf;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kPrefix = QByteArrayLiteral("/mirror-test");
constexpr int kHealthyMs = test::EtcdUnderTest::healthyWaitMs;

//! One daemon's registry side: a registry (TTL 30 s, so nothing expires by itself here), a
//! gateway and a mirror, not started.
struct Daemon {
    explicit Daemon(const QUrl &member)
        : gateway(QList<QUrl>{member})
        , mirror(&registry, &gateway, EtcdKeys(kPrefix)) {
        registry.setTtlOverride(30'000);
    }
    void heartbeat(const QString &address) {
        registry.recordHeartbeat(Heartbeat{address, 1, u"0.3.9"_s, u"{}"_s});
        mirror.publish(address);
    }
    bool has(const QString &address) const { return registry.entry(address).has_value(); }

    NodeRegistry registry;
    EtcdGateway gateway;
    EtcdRegistryMirror mirror;
};

} // namespace

TEST(EtcdRegistryMirror, SynchronisingDropsWhatEtcdLacksButKeepsHeartbeatsNotYetWritten) {
    if (test::EtcdUnderTest::executable().isEmpty())
        GTEST_SKIP() << "etcd is not installed (apt-get install etcd-server)";
    test::EtcdUnderTest etcd;
    ASSERT_TRUE(etcd.start()) << etcd.errorText().toStdString();
    const QUrl member(u"http://127.0.0.1:%1"_s.arg(etcd.clientPort()));
    const QString stale = u"http://127.0.0.1:9"_s;
    const QString fresh = u"http://127.0.0.1:19"_s;

    // B's last view (a state file, or what it saw before an outage) holds a node etcd no longer
    // has; a heartbeat arrived while it was cut off.
    Daemon b(member);
    b.registry.recordHeartbeat(Heartbeat{stale, 1, u"0.3.9"_s, u"{}"_s});
    b.heartbeat(fresh);
    b.mirror.start();
    ASSERT_TRUE(test::waitUntil([&] { return b.mirror.isCurrent(); }, kHealthyMs));
    EXPECT_FALSE(b.has(stale)) << "the range read must drop what etcd lacks";
    EXPECT_TRUE(b.has(fresh)) << "a heartbeat not yet written must survive the range read";

    Daemon a(member);
    a.mirror.start();
    ASSERT_TRUE(test::waitUntil([&] { return a.has(fresh); }, kHealthyMs));
    EXPECT_FALSE(a.has(stale));
    EXPECT_EQ(b.mirror.syncCount(), 1);
    EXPECT_EQ(b.mirror.health().value(u"state"_s).toString(), u"ok"_s);
}

TEST(EtcdRegistryMirror, NoticesAMemberThatHangsWithTheStreamOpen) {
    if (test::EtcdUnderTest::executable().isEmpty())
        GTEST_SKIP() << "etcd is not installed (apt-get install etcd-server)";
    test::EtcdUnderTest etcd;
    ASSERT_TRUE(etcd.start()) << etcd.errorText().toStdString();
    Daemon a(QUrl(u"http://127.0.0.1:%1"_s.arg(etcd.clientPort())));
    // A healthy member answers well within the timeout even on a loaded machine; the frozen
    // one never does, so the deadlines below only bound the test's length.
    a.gateway.setTimeoutMs(2000);
    a.mirror.timing().probeMs = 500;
    a.mirror.start();
    ASSERT_TRUE(test::waitUntil([&] { return a.mirror.isCurrent(); }, kHealthyMs));

    etcd.freeze(); // the watch stays open and silent; only the liveness read can tell
    ASSERT_TRUE(test::waitUntil([&] { return !a.mirror.isCurrent(); }, kHealthyMs));
    EXPECT_TRUE(a.mirror.problem().contains(u"liveness read"_s))
        << a.mirror.problem().toStdString();

    etcd.thaw();
    EXPECT_TRUE(test::waitUntil([&] { return a.mirror.isCurrent(); }, kHealthyMs));
}
