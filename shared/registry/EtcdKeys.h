#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace lmcf {

//! The layout of the shared registry in etcd: each node under `<prefix>/nodes/<address>`,
//! the address percent-encoded (no `/` inside), the value the entry's JSON (RegistryEntry::
//! toJson). Pure: no I/O.
class EtcdKeys final {
public:
    //! `prefix` as EtcdLocation keeps it (`/lmcache-fleet`).
    explicit EtcdKeys(QByteArray prefix);

    //! The prefix given (`/lmcache-fleet`).
    QByteArray prefix() const { return m_prefix; }
    //! `<prefix>/nodes/`: every node key starts with it.
    QByteArray nodesPrefix() const { return m_nodes; }
    //! The key of the node at normalised `apiAddress`.
    QByteArray nodeKey(const QString &apiAddress) const;
    //! The address a node key stands for; nullopt for keys outside nodesPrefix() or whose
    //! remainder is not an http(s) base address.
    std::optional<QString> apiAddressOf(const QByteArray &key) const;

    //! etcd's `range_end` for "every key starting with `prefix`": the prefix with its last
    //! byte below 0xff increased by one and the 0xff bytes after it dropped; `"\0"` (all keys)
    //! when there is no such byte.
    static QByteArray rangeEnd(const QByteArray &prefix);

private:
    QByteArray m_prefix;
    QByteArray m_nodes;
};

} // namespace lmcf
