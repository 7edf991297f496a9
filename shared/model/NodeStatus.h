#pragma once

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

} // namespace lmcf
