#pragma once

#include "core/Outcome.h"
#include "model/NodeTree.h"

#include <QByteArray>
#include <QJsonValue>

namespace lmcf::NodeConfig {

//! The proxy `--nodes` leaves sit under (the dashboard itself), as in the original.
inline QString localProxyName() {
    return QStringLiteral("local_proxy");
}

//! Parses one `{"name","host","port"}` object (unknown keys ignored) into a leaf with no proxy.
//! Errors name the field under `path` (`[0].nodes[1].port: ...`, or just `port: ...` when
//! `path` is empty): missing, not a string, a name not usable in a URL path (NodeName), a bad
//! host (NodeAddress::parseHost), a port that is not an integer 1..65535.
Outcome<LeafNode> parseNodeObject(const QJsonValue &value, const QString &path);

//! Parses the `--config FILE` tree `[{"name","host","port","nodes":[{"name","host","port"}]}]`
//! (a missing "nodes" is an empty list; unknown keys are ignored). Every node is Static.
//! Errors name the field by its path: `[0].nodes[1].name: missing`,
//! `[2].port: must be an integer 1..65535, got "abc"`; a duplicate name names both places. A
//! leaf may share the name of its own proxy (a node that is its own single leaf).
Outcome<NodeTree> parseConfig(const QByteArray &json);

//! Reads and parses a `--config` file; the error starts with the path.
Outcome<NodeTree> readConfigFile(const QString &path);

//! Parses `--nodes '[{"name":"n1","host":"127.0.0.1","port":"8085"}]'`: the leaves go under one
//! proxy named local_proxy at `localProxy` (the daemon's own address). Errors read
//! `nodes[2].port: must be an integer 1..65535, got "abc"`. A leaf called local_proxy is refused.
Outcome<NodeTree> parseNodes(const QByteArray &json, const NodeAddress &localProxy);

} // namespace lmcf::NodeConfig
