#pragma once

#include "api/ServiceDiscoveryGroup.h"
#include "core/Outcome.h"
#include "model/NodeTree.h"

#include <QByteArray>

namespace lmcf::ServiceDiscoveryJson {

//! The target groups for `/api/sd`: one per leaf (NodeTree::leaves()), target `host:port`
//! (IPv6 bracketed), labels `node`, `proxy`, `state`, `__scheme__`, and `version` when known.
//! A leaf reached through its proxy is scraped there: target = the proxy's `host:port`,
//! `__scheme__` the proxy's, `__metrics_path__` = `/proxy2/<node>/metrics`.
QList<ServiceDiscoveryGroup> groups(const NodeTree &tree);

//! `[{"targets":["host:port"],"labels":{"node":"...","__scheme__":"http",...}}]`
QByteArray write(const QList<ServiceDiscoveryGroup> &groups);
inline QByteArray write(const NodeTree &tree) {
    return write(groups(tree));
}

//! Parses what write() produces (Prometheus' http_sd format). Fails with the index of the bad
//! group: `[2].targets: must be an array of strings`.
Outcome<QList<ServiceDiscoveryGroup>> read(const QByteArray &json);

} // namespace lmcf::ServiceDiscoveryJson
