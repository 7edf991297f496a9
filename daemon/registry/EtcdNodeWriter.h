#pragma once

#include "registry/EtcdKeys.h"
#include "registry/RegistryEntry.h"

#include <QHash>
#include <QObject>

#include <optional>

namespace lmcf {

class EtcdGateway;

//! Writes heartbeating nodes to etcd, each under EtcdKeys::nodeKey with its own lease whose TTL
//! is the node's TTL, so etcd deletes the node when it stops beating. A node reuses its lease:
//! each publish keeps it alive and puts the entry again; a lease etcd no longer knows (expired,
//! or etcd lost it) is granted anew. Publishing a node whose write is under way only remembers
//! the newest entry and writes it once the current write ends, so a node has at most one
//! write in flight.
class EtcdNodeWriter final : public QObject {
    Q_OBJECT
public:
    //! `gateway` is not owned and must outlive the writer.
    EtcdNodeWriter(EtcdGateway *gateway, EtcdKeys keys, QObject *parent = nullptr);
    ~EtcdNodeWriter() override;

    //! Writes `entry` (normalised address) with a lease of `ttlS` seconds (at least 1).
    void publish(const RegistryEntry &entry, qint64 ttlS);
    //! True while a write for `apiAddress` is under way.
    bool isBusy(const QString &apiAddress) const;
    //! Drops what is remembered about a node (its lease), unless it is being written.
    void forget(const QString &apiAddress);
    //! Leases granted since start (for tests and logs).
    int grants() const { return m_grants; }

Q_SIGNALS:
    //! The newest entry of the node is in etcd.
    void written(const QString &apiAddress);
    //! A write failed (no member answered, or etcd refused it).
    void failed(const QString &apiAddress, const QString &why);

private:
    struct Node {
        qint64 lease = 0;
        qint64 ttlS = 0;
        bool busy = false;
        std::optional<RegistryEntry> nextEntry;
        qint64 nextTtlS = 0;
    };

    void write(const RegistryEntry &entry, qint64 ttlS);
    void grantThenPut(const RegistryEntry &entry, qint64 ttlS);
    //! `retryGrant`: a missing lease is granted again once.
    void put(const RegistryEntry &entry, bool retryGrant);
    void finish(const QString &apiAddress, const QString &error);

    EtcdGateway *m_gateway;
    EtcdKeys m_keys;
    QHash<QString, Node> m_nodes;
    int m_grants = 0;
};

} // namespace lmcf
