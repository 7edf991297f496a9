#pragma once

#include "model/NodeAddress.h"
#include "model/NodeStatus.h"

#include <QString>

namespace lmcf {

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
