#pragma once

#include "model/LeafNode.h"

#include <QList>

namespace lmcf {

//! A top-level entry of the node tree (the original's "proxy"): a dashboard, a node-local
//! proxy, or a plain node that is its own single leaf (then one child has the proxy's name and
//! address — what supplier conversion and heartbeats produce).
struct ProxyNode {
    QString name;
    NodeAddress address;
    QList<LeafNode> nodes;
    NodeStatus status;

    //! True when this proxy is just a node: its only child has its name and address.
    bool isOwnLeaf() const {
        return nodes.size() == 1 && nodes.front().name == name && nodes.front().address == address;
    }

    bool operator==(const ProxyNode &other) const = default;
};

} // namespace lmcf
