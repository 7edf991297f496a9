#pragma once

#include "model/NodeAddress.h"
#include "model/NodeState.h"

#include <QDateTime>
#include <QString>

namespace lmcf {

//! What is known about a node beyond its address: liveness and the last heartbeat's facts.
struct NodeStatus {
    NodeState state = NodeState::Static;
    //! As reported by the node's heartbeat; empty when unknown.
    QString version;
    //! Invalid when the node never heartbeated (static nodes).
    QDateTime lastHeartbeat;

    bool operator==(const NodeStatus &other) const = default;
};

//! A node whose HTTP API the proxy and the scraper talk to (an LMCache server or one vLLM
//! process). Its name is unique in a NodeTree and safe as a URL path segment.
struct LeafNode {
    QString name;
    NodeAddress address;
    //! The proxy this leaf sits under (the original's `proxy_id`).
    QString proxyName;
    //! True when the leaf is only reachable through its proxy, as
    //! `<proxy base>/proxy2/<name>` (children learned from another dashboard's /api/nodes:
    //! their own addresses are often 127.0.0.1 or firewalled). False: talk to `address`.
    bool viaProxy = false;
    NodeStatus status;

    bool operator==(const LeafNode &other) const = default;
};

} // namespace lmcf
