#pragma once

#include "registry/EtcdCodec.h"
#include "registry/EtcdKeys.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

namespace lmcf {

class EtcdGateway;
class EtcdNodeWriter;
class NodeRegistry;

//! `--registry etcd://...`: keeps the daemon's NodeRegistry and etcd in step, so every daemon
//! sharing the prefix serves the same fleet. The local registry stays the view the daemon
//! serves; etcd is where daemons meet:
//! - a heartbeat accepted here is published (EtcdNodeWriter: the entry under its key with a
//!   lease of the node's TTL, so etcd deletes it when the node goes silent);
//! - synchronising reads the whole `<prefix>/nodes/` range into the registry (removing nodes
//!   etcd no longer has, unless a write of ours for them is still pending), then watches the
//!   range from the next revision and applies each PUT and DELETE as it comes.
//! Losing etcd (a failed call, the watch ending or not starting within createTimeoutMs, or a
//! liveness read every probeMs while watching failing, which catches a member that hangs
//! without closing the stream) makes
//! the mirror degraded: the registry keeps its last view, heartbeats received meanwhile are
//! remembered, and synchronising is retried with a doubling delay (retryMinMs..retryMaxMs);
//! on success the remembered nodes are published again and the range read anew.
//! An operator's removal here (remove()) deletes the node's key, so every daemon drops it; a
//! removal made while etcd is away is sent when it is back (the range read skips the key).
class EtcdRegistryMirror final : public QObject {
    Q_OBJECT
public:
    struct Timing {
        int retryMinMs = 250;
        int retryMaxMs = 2000;
        int createTimeoutMs = 3000;
        int probeMs = 5000;
    };

    //! Nothing is owned; all must outlive the mirror.
    EtcdRegistryMirror(NodeRegistry *registry, EtcdGateway *gateway, EtcdKeys keys,
                       QObject *parent = nullptr);
    ~EtcdRegistryMirror() override;

    Timing &timing() { return m_timing; }
    //! Starts synchronising (the mirror is degraded until the first watch is in place).
    void start();
    //! Publishes the registry's entry for `apiAddress` (after a heartbeat accepted here).
    void publish(const QString &apiAddress);
    //! Deletes the key of `apiAddress` (normalised), which an operator removed from the
    //! registry here. A node still beating comes back with its next heartbeat, as without etcd.
    void remove(const QString &apiAddress);

    //! True while the watch runs: the view follows etcd.
    bool isCurrent() const { return m_phase == Phase::Watching; }
    //! Why the view may be stale; empty when current.
    const QString &problem() const { return m_problem; }
    //! For /health: `{"kind":"etcd","state":"ok"|"degraded","endpoint","prefix"[,"reason",
    //! "since"]}`.
    QJsonObject health() const;
    //! Full synchronisations completed (range read and watch created).
    int syncCount() const { return m_syncs; }
    //! When (ms since the epoch) the view was last known in step: a synchronisation completed,
    //! a watch message or an answered liveness read; 0 before the first.
    qint64 lastInStepMs() const { return m_lastInStepMs; }
    //! Writes (publishes and deletes) etcd did not take since start.
    qint64 failedWrites() const { return m_failedWrites; }
    //! Writes held back because etcd was away (each node once per outage), since start.
    qint64 deferredWrites() const { return m_deferredWrites; }
    //! Writes not confirmed by etcd yet (held back or on their way).
    qint64 unconfirmedWrites() const { return m_pending.size() + m_deletes.size(); }

Q_SIGNALS:
    void currentChanged(bool current);

private:
    enum class Phase { Idle, Reading, Creating, Watching, Waiting };

    void synchronise();
    void applyRange(const EtcdCodec::Range &range);
    void watchLine(const QByteArray &line);
    void applyEvent(const EtcdCodec::Event &event);
    //! Reads the range once the deletes still to send are done.
    void deleteThenRead(quint64 generation);
    //! Deletes the node's key; `then` (if any) runs once etcd confirmed it.
    void sendDelete(const QString &apiAddress, const std::function<void()> &then);
    void written(const QString &apiAddress);
    void writeFailed(const QString &apiAddress, const QString &why);
    //! Degraded for `why`; tries again after the current delay.
    void fail(const QString &why);
    void setPhase(Phase phase);
    //! Not started, or waiting to retry: writes wait for the next synchronisation.
    bool isAway() const { return m_phase == Phase::Waiting || m_phase == Phase::Idle; }
    void probe();

    NodeRegistry *m_registry;
    EtcdGateway *m_gateway;
    EtcdKeys m_keys;
    EtcdNodeWriter *m_writer;
    Timing m_timing;
    Phase m_phase = Phase::Idle;
    //! Heartbeats accepted here whose entry is not in etcd yet.
    QSet<QString> m_pending;
    //! Nodes whose write etcd confirmed since the last range read was sent.
    QSet<QString> m_writtenDuringRead;
    //! Nodes removed here whose key etcd may still hold.
    QSet<QString> m_deletes;
    QString m_problem;
    QDateTime m_since;
    int m_retryMs = 0;
    int m_syncs = 0;
    qint64 m_lastInStepMs = 0;
    qint64 m_failedWrites = 0;
    qint64 m_deferredWrites = 0;
    //! Each synchronisation's number: answers to an older one are dropped.
    quint64 m_generation = 0;
    QTimer m_retry;
    QTimer m_createTimeout;
    QTimer m_probe;
};

} // namespace lmcf
