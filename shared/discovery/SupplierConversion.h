#pragma once

#include "core/Outcome.h"
#include "discovery/InfosEntry.h"
#include "model/NodeTree.h"

#include <QHash>

namespace lmcf::SupplierConversion {

//! `proxy_<host>_<port>` as the original dashboard names a supplier node: only ':' becomes '_'
//! (`proxy_10.0.0.5_8085`). IPv6 hosts lose their brackets, so `[fd00::5]:8085` gives
//! `proxy_fd00__5_8085`, a valid URL path segment. The scheme is not part of the name (the
//! original could not parse https at all).
QString proxyName(const NodeAddress &address);

//! A proxy that is its own single leaf at `address`, both carrying `status`.
ProxyNode ownLeafProxy(const NodeAddress &address, const NodeStatus &status = {});

//! Converts supplier entries into a tree, as the original dashboard does: one proxy per distinct
//! host:port (first entry wins), in entry order. A proxy is its own single leaf, unless
//! `childrenByAddress` (keyed by NodeAddress::baseUrl(), what the caller got from probing
//! `<address>/api/nodes`, see childrenFromApiNodes) has a non-empty list for it: then those are
//! its leaves (frontend of frontends). Each node gets status Alive with the entry's version and
//! lastReportTime. Entries whose apiAddress does not parse are skipped and described in
//! `skipped` when given.
NodeTree toTree(const QList<InfosEntry> &entries,
                const QHash<QString, QList<LeafNode>> &childrenByAddress = {},
                QStringList *skipped = nullptr);

//! The leaves in another dashboard's `GET /api/nodes` answer, put under `proxyName`: a node
//! with children contributes its children, a node without children itself (as the original).
//! Each leaf is reached through that dashboard (viaProxy = true, `<proxy>/proxy2/<name>`).
//! Duplicate names keep the first; entries without a usable name are skipped (described in
//! `skipped`); an unusable host/port (e.g. a Unix socket path) is replaced by `proxyAddress`,
//! since the leaf is reached through the proxy anyway. Fails when the body is not JSON with a
//! "nodes" array.
Outcome<QList<LeafNode>> childrenFromApiNodes(const QByteArray &json, const QString &proxyName,
                                              const NodeAddress &proxyAddress,
                                              QStringList *skipped = nullptr);

} // namespace lmcf::SupplierConversion
