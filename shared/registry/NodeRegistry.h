#pragma once

#include "discovery/Heartbeat.h"
#include "model/NodeTree.h"
#include "registry/RegistryState.h"

#include <QMap>
#include <QObject>

#include <functional>
#include <optional>

namespace lmcf {

//! The in-memory heartbeat registry (spec §1), keyed by normalised apiAddress.
//!
//! Liveness, with age = now − lastReport, interval = the announced interval (other_info
//! `heartbeat_interval` in seconds, else 30 s) and TTL = the override if set, else 3 × interval:
//! - alive    while age ≤ 1.5 × interval (half an interval of slack for jitter and latency);
//! - suspect  once age > 1.5 × interval ("one missed interval");
//! - removed  once age > TTL (checked first, so a short override removes without suspecting).
//! States only change in expire() (the daemon calls it from a timer; tests after advancing the
//! clock) and when a heartbeat arrives (back to alive).
//!
//! The change index starts at 0 and grows by one for each call that joins, removes, changes a
//! state or changes a node's pid or version (one step for one expire() however many nodes it
//! touched); a plain refresh does not move it, so a change feed stays quiet between changes.
//! changed(index) is emitted after each step.
class NodeRegistry final : public QObject {
    Q_OBJECT

public:
    //! Milliseconds since the epoch.
    using Clock = std::function<qint64()>;
    static constexpr qint64 defaultIntervalMs = 30'000;

    enum class HeartbeatResult { Joined, Refreshed, Updated, Rejected };

    //! Uses the wall clock.
    explicit NodeRegistry(QObject *parent = nullptr);
    explicit NodeRegistry(Clock clock, QObject *parent = nullptr);
    ~NodeRegistry() override;

    //! Records one heartbeat: Joined (new address), Updated (pid/version changed or it was
    //! suspect), Refreshed (nothing but the time), Rejected (apiAddress does not normalise).
    //! `clientAddress` is the peer the heartbeat came from, kept for display.
    HeartbeatResult recordHeartbeat(const Heartbeat &heartbeat, const QString &clientAddress = {});

    //! Records an entry another daemon received (a shared registry such as etcd): like a
    //! heartbeat, with the entry's pid, version, other_info, client address and interval, but the
    //! report time is the entry's (never later than now) and a new node keeps its start time.
    //! Same results as recordHeartbeat; Rejected when apiAddress does not normalise.
    HeartbeatResult mergeEntry(const RegistryEntry &entry);

    //! `--node-ttl`: a registry-wide TTL in ms replacing 3 × interval; nullopt restores it.
    void setTtlOverride(std::optional<qint64> ttlMs) { m_ttlOverride = ttlMs; }
    std::optional<qint64> ttlOverride() const { return m_ttlOverride; }
    //! The TTL that applies to `entry`.
    qint64 ttlFor(const RegistryEntry &entry) const;

    //! The interval announced in an other_info string: its `heartbeat_interval` (seconds, a
    //! positive number or numeric string, clamped to 1 s..1 day), else defaultIntervalMs.
    static qint64 announcedIntervalMs(const QString &otherInfo);

    //! Who removes nodes past their TTL.
    enum class Removal {
        ByAge, //!< expire() does (the registry is the only truth)
        //! Someone else does (a shared registry: etcd's lease deletes the key): expire() only
        //! marks them suspect, so a node etcd still holds is not dropped on a stale local time.
        External,
    };

    //! Re-evaluates every node against the clock: alive → suspect, → removed (ByAge) or
    //! suspect (External). Returns how many nodes changed state or were removed.
    int expire(Removal removal = Removal::ByAge);

    //! Removes a node now (admin action); false if unknown.
    bool remove(const QString &apiAddress);

    //! Replaces the content with persisted entries (invalid addresses are skipped), evaluates
    //! their states against the clock at once, and counts as one change: the index becomes
    //! max(index(), state.index) + 1, so it never goes back across a restart.
    void restore(const RegistryState &state);
    //! Entries and index, for a RegistryStore.
    RegistryState state() const { return RegistryState{snapshot(), m_index}; }

    quint64 index() const { return m_index; }
    qint64 now() const { return m_clock(); }
    int size() const { return static_cast<int>(m_entries.size()); }
    //! All entries, sorted by apiAddress.
    QList<RegistryEntry> snapshot() const { return m_entries.values(); }
    //! The entry for an address (normalised first), if present.
    std::optional<RegistryEntry> entry(const QString &apiAddress) const;
    //! The registry as a node tree: one own-leaf proxy `proxy_<host>_<port>` per entry, with
    //! state, version and last heartbeat (SupplierConversion naming).
    NodeTree tree() const;

Q_SIGNALS:
    void changed(quint64 index);

private:
    //! The state `entry` should have at `now`; nullopt: it should be removed.
    std::optional<NodeState> evaluate(const RegistryEntry &entry, qint64 now) const;
    void bump();
    //! Stores `incoming` (normalised address) as the entry's latest report; `startTimeMs` is
    //! used only when the node is new.
    HeartbeatResult upsert(const RegistryEntry &incoming);

    Clock m_clock;
    QMap<QString, RegistryEntry> m_entries;
    std::optional<qint64> m_ttlOverride;
    quint64 m_index = 0;
};

} // namespace lmcf
