#pragma once

#include "model/NodeAddress.h"

#include <optional>

namespace lmcf {

//! A partial update of one node (`PUT /api/nodes/{name}`): only the fields present change.
//! Values are already validated by whoever built the patch (ApiNodeRequests).
struct NodePatch {
    std::optional<QString> name;
    //! Scheme and host from a host field; its port is ignored.
    std::optional<NodeAddress> host;
    std::optional<int> port;

    bool isEmpty() const { return !name && !host && !port; }
    //! `address` with the patched host/scheme and port.
    NodeAddress applied(const NodeAddress &address) const {
        NodeAddress result = address;
        if (host) {
            result.scheme = host->scheme;
            result.host = host->host;
        }
        if (port)
            result.port = *port;
        return result;
    }
};

} // namespace lmcf
