#include "registry/NodeRegistry.h"

#include "QtPrinters.h"

#include <gtest/gtest.h>

using namespace lmcf;
using namespace Qt::StringLiterals;

namespace {

struct FakeClock {
    qint64 now = 1'700'000'000'000;
    NodeRegistry::Clock clock() {
        return [this] { return now; };
    }
    void advanceSeconds(double s) { now += static_cast<qint64>(s * 1000); }
};

Heartbeat beat(const QString &address, qint64 pid = 1, const QString &version = u"0.3.9"_s,
               const QString &otherInfo = u"{}"_s) {
    return Heartbeat{address, pid, version, otherInfo};
}

} // namespace

TEST(NodeRegistry, JoinAliveSuspectRemoved) {
    FakeClock clock;
    NodeRegistry registry(clock.clock());
    EXPECT_EQ(registry.recordHeartbeat(beat(u"http://10.0.0.5:8085/"_s), u"10.0.0.5"_s),
              NodeRegistry::HeartbeatResult::Joined);
    auto entry = registry.entry(u"http://10.0.0.5:8085"_s);
    ASSERT_TRUE(entry.has_value());
    EXPECT_EQ(entry->apiAddress, u"http://10.0.0.5:8085"_s);
    EXPECT_EQ(entry->state, NodeState::Alive);
    EXPECT_EQ(entry->clientAddress, u"10.0.0.5"_s);
    EXPECT_EQ(entry->intervalMs, 30'000);

    clock.advanceSeconds(45); // exactly 1.5 × interval: still alive
    EXPECT_EQ(registry.expire(), 0);
    EXPECT_EQ(registry.entry(u"http://10.0.0.5:8085"_s)->state, NodeState::Alive);
    clock.advanceSeconds(0.001);
    EXPECT_EQ(registry.expire(), 1);
    EXPECT_EQ(registry.entry(u"http://10.0.0.5:8085"_s)->state, NodeState::Suspect);
    clock.advanceSeconds(45); // 90.001 s > 3 × 30 s
    EXPECT_EQ(registry.expire(), 1);
    EXPECT_FALSE(registry.entry(u"http://10.0.0.5:8085"_s).has_value());
    EXPECT_EQ(registry.size(), 0);
}

TEST(NodeRegistry, ExternalRemovalKeepsNodesPastTheirTtlAsSuspect) {
    // With etcd the lease removes nodes: a stale local report time must not drop a node.
    FakeClock clock;
    NodeRegistry registry(clock.clock());
    registry.recordHeartbeat(beat(u"http://h:1"_s));
    clock.advanceSeconds(120); // past 3 × 30 s
    EXPECT_EQ(registry.expire(NodeRegistry::Removal::External), 1);
    ASSERT_TRUE(registry.entry(u"http://h:1"_s).has_value());
    EXPECT_EQ(registry.entry(u"http://h:1"_s)->state, NodeState::Suspect);
    EXPECT_EQ(registry.expire(NodeRegistry::Removal::External), 0);
    EXPECT_EQ(registry.expire(), 1);
    EXPECT_EQ(registry.size(), 0);
}

TEST(NodeRegistry, HeartbeatBringsASuspectBack) {
    FakeClock clock;
    NodeRegistry registry(clock.clock());
    registry.recordHeartbeat(beat(u"http://h:1"_s));
    clock.advanceSeconds(60);
    registry.expire();
    EXPECT_EQ(registry.recordHeartbeat(beat(u"http://h:1"_s)),
              NodeRegistry::HeartbeatResult::Updated);
    EXPECT_EQ(registry.entry(u"http://h:1"_s)->state, NodeState::Alive);
}

TEST(NodeRegistry, IndexMovesOnChangesNotOnRefreshes) {
    FakeClock clock;
    NodeRegistry registry(clock.clock());
    QList<quint64> signalled;
    QObject::connect(&registry, &NodeRegistry::changed,
                     [&signalled](quint64 index) { signalled.append(index); });
    EXPECT_EQ(registry.index(), 0u);
    registry.recordHeartbeat(beat(u"http://a:1"_s));
    EXPECT_EQ(registry.index(), 1u);
    clock.advanceSeconds(10);
    EXPECT_EQ(registry.recordHeartbeat(beat(u"http://a:1"_s, 1, u"0.3.9"_s, u"{\"x\":2}"_s)),
              NodeRegistry::HeartbeatResult::Refreshed);
    EXPECT_EQ(registry.index(), 1u);
    EXPECT_EQ(registry.entry(u"http://a:1"_s)->lastReportMs, clock.now);
    EXPECT_EQ(registry.entry(u"http://a:1"_s)->startTimeMs, clock.now - 10'000);
    EXPECT_EQ(registry.recordHeartbeat(beat(u"http://a:1"_s, 2)),
              NodeRegistry::HeartbeatResult::Updated); // restarted: new pid
    EXPECT_EQ(registry.index(), 2u);
    EXPECT_EQ(registry.recordHeartbeat(beat(u"http://a:1"_s, 2, u"0.4.0"_s)),
              NodeRegistry::HeartbeatResult::Updated);
    EXPECT_EQ(registry.index(), 3u);
    registry.recordHeartbeat(beat(u"http://b:1"_s));
    EXPECT_EQ(registry.index(), 4u);
    clock.advanceSeconds(50);
    registry.expire(); // both suspect: one step
    EXPECT_EQ(registry.index(), 5u);
    registry.expire(); // nothing changed
    EXPECT_EQ(registry.index(), 5u);
    EXPECT_TRUE(registry.remove(u"http://b:1"_s));
    EXPECT_FALSE(registry.remove(u"http://b:1"_s));
    EXPECT_EQ(registry.index(), 6u);
    EXPECT_EQ(signalled, (QList<quint64>{1, 2, 3, 4, 5, 6}));
}

TEST(NodeRegistry, RejectsBadAddresses) {
    NodeRegistry registry;
    EXPECT_EQ(registry.recordHeartbeat(beat(u"10.0.0.5:8085"_s)),
              NodeRegistry::HeartbeatResult::Rejected);
    EXPECT_EQ(registry.index(), 0u);
}

TEST(NodeRegistry, AnnouncedIntervalSetsSuspectAndTtl) {
    EXPECT_EQ(NodeRegistry::announcedIntervalMs(u"{\"heartbeat_interval\":10}"_s), 10'000);
    EXPECT_EQ(NodeRegistry::announcedIntervalMs(u"{\"heartbeat_interval\":\"2.5\"}"_s), 2'500);
    EXPECT_EQ(NodeRegistry::announcedIntervalMs(u"{\"heartbeat_interval\":0}"_s), 30'000);
    EXPECT_EQ(NodeRegistry::announcedIntervalMs(u"{\"heartbeat_interval\":0.01}"_s), 1'000);
    EXPECT_EQ(NodeRegistry::announcedIntervalMs(u"not json"_s), 30'000);
    EXPECT_EQ(NodeRegistry::announcedIntervalMs(QString()), 30'000);

    FakeClock clock;
    NodeRegistry registry(clock.clock());
    registry.recordHeartbeat(beat(u"http://fast:1"_s, 1, u"v"_s, u"{\"heartbeat_interval\":10}"_s));
    registry.recordHeartbeat(beat(u"http://slow:1"_s));
    clock.advanceSeconds(16);
    registry.expire();
    EXPECT_EQ(registry.entry(u"http://fast:1"_s)->state, NodeState::Suspect);
    EXPECT_EQ(registry.entry(u"http://slow:1"_s)->state, NodeState::Alive);
    clock.advanceSeconds(15); // 31 s > 3 × 10 s
    registry.expire();
    EXPECT_FALSE(registry.entry(u"http://fast:1"_s).has_value());
    EXPECT_EQ(registry.entry(u"http://slow:1"_s)->state, NodeState::Alive);
}

TEST(NodeRegistry, TtlOverrideReplacesThreeIntervals) {
    FakeClock clock;
    NodeRegistry registry(clock.clock());
    registry.setTtlOverride(300'000);
    registry.recordHeartbeat(beat(u"http://a:1"_s));
    clock.advanceSeconds(200);
    registry.expire();
    EXPECT_EQ(registry.entry(u"http://a:1"_s)->state, NodeState::Suspect);
    clock.advanceSeconds(101);
    registry.expire();
    EXPECT_EQ(registry.size(), 0);

    // A TTL shorter than 1.5 intervals removes without passing through suspect.
    registry.setTtlOverride(20'000);
    registry.recordHeartbeat(beat(u"http://b:1"_s));
    clock.advanceSeconds(21);
    EXPECT_EQ(registry.expire(), 1);
    EXPECT_EQ(registry.size(), 0);
    registry.setTtlOverride(std::nullopt);
    EXPECT_FALSE(registry.ttlOverride().has_value());
}

TEST(NodeRegistry, RestoreEvaluatesAgainstTheClock) {
    FakeClock clock;
    NodeRegistry registry(clock.clock());
    RegistryEntry fresh;
    fresh.apiAddress = u"HTTP://Fresh:1/"_s;
    fresh.lastReportMs = clock.now - 5'000;
    RegistryEntry late = fresh;
    late.apiAddress = u"http://late:1"_s;
    late.lastReportMs = clock.now - 60'000;
    RegistryEntry gone = fresh;
    gone.apiAddress = u"http://gone:1"_s;
    gone.lastReportMs = clock.now - 600'000;
    RegistryEntry bad = fresh;
    bad.apiAddress = u"nope"_s;
    registry.restore(RegistryState{{fresh, late, gone, bad}, 0});
    EXPECT_EQ(registry.size(), 2);
    EXPECT_EQ(registry.entry(u"http://fresh:1"_s)->state, NodeState::Alive);
    EXPECT_EQ(registry.entry(u"http://late:1"_s)->state, NodeState::Suspect);
    EXPECT_EQ(registry.index(), 1u);
    registry.restore(RegistryState{{fresh}, 41});
    EXPECT_EQ(registry.index(), 42u);
    EXPECT_EQ(registry.state().entries.size(), 1);
}

TEST(NodeRegistry, TreeAndInfosViews) {
    FakeClock clock;
    NodeRegistry registry(clock.clock());
    registry.recordHeartbeat(beat(u"http://[fd00::5]:8085"_s, 7, u"0.3.9"_s));
    registry.recordHeartbeat(beat(u"http://10.0.0.5:8085"_s));
    const NodeTree tree = registry.tree();
    ASSERT_EQ(tree.proxies().size(), 2);
    const ProxyNode *proxy = tree.proxy(u"proxy_fd00__5_8085"_s);
    ASSERT_NE(proxy, nullptr);
    EXPECT_TRUE(proxy->isOwnLeaf());
    EXPECT_EQ(proxy->status.state, NodeState::Alive);
    EXPECT_EQ(proxy->status.version, u"0.3.9"_s);
    EXPECT_EQ(proxy->status.lastHeartbeat.toMSecsSinceEpoch(), clock.now);

    const InfosEntry infos = registry.entry(u"http://[fd00::5]:8085"_s)->toInfosEntry();
    EXPECT_EQ(infos.pid, 7);
    EXPECT_EQ(infos.lastReportTime.toMSecsSinceEpoch(), clock.now);
}

TEST(NodeRegistry, MergeEntryKeepsAnotherDaemonsTimesButNeverTheFuture) {
    FakeClock clock;
    NodeRegistry registry(clock.clock());
    RegistryEntry remote;
    remote.apiAddress = u"http://10.0.0.5:8085/"_s;
    remote.pid = 9;
    remote.version = u"0.3.9"_s;
    remote.otherInfo = uR"({"heartbeat_interval":10})"_s;
    remote.clientAddress = u"10.0.0.5"_s;
    remote.startTimeMs = clock.now - 60'000;
    remote.lastReportMs = clock.now - 5'000;
    remote.intervalMs = 10'000;
    EXPECT_EQ(registry.mergeEntry(remote), NodeRegistry::HeartbeatResult::Joined);
    auto entry = registry.entry(u"http://10.0.0.5:8085"_s);
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->startTimeMs, clock.now - 60'000);
    EXPECT_EQ(entry->lastReportMs, clock.now - 5'000);
    EXPECT_EQ(entry->intervalMs, 10'000);

    const quint64 index = registry.index();
    remote.lastReportMs = clock.now + 3'600'000; // a head node whose clock runs ahead
    EXPECT_EQ(registry.mergeEntry(remote), NodeRegistry::HeartbeatResult::Refreshed);
    EXPECT_EQ(registry.index(), index); // a refresh does not move the change feed
    EXPECT_EQ(registry.entry(remote.apiAddress)->lastReportMs, clock.now);

    remote.pid = 10;
    EXPECT_EQ(registry.mergeEntry(remote), NodeRegistry::HeartbeatResult::Updated);
    remote.apiAddress = u"ftp://x"_s;
    EXPECT_EQ(registry.mergeEntry(remote), NodeRegistry::HeartbeatResult::Rejected);
}
