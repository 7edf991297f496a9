#pragma once

#include "core/Outcome.h"
#include "model/NodePatch.h"
#include "model/ProxyNode.h"

#include <QByteArray>

namespace lmcf::ApiNodeRequests {

//! Parses a `POST /api/proxies` body `{"name","host","port"}` with an optional "nodes" array of
//! `{"name","host","port"}` (as the original accepts). Errors name the field: `port: must be an
//! integer 1..65535, got "abc"`, `nodes[1].name: missing`, `body: not valid JSON ...`.
//! Leaf names must be distinct (one may repeat the proxy's own name).
Outcome<ProxyNode> parseAddProxy(const QByteArray &body);

//! Parses a `POST /api/proxies/{p}/nodes` body `{"name","host","port"}`; the leaf's proxyName is
//! `proxyName`.
Outcome<LeafNode> parseAddNode(const QByteArray &body, const QString &proxyName);

//! Parses a `PUT /api/nodes/{name}` body: any of "name", "host", "port" (others ignored, so the
//! original's full objects work too), each validated as in parseAddNode; fails when none is
//! present.
Outcome<NodePatch> parseUpdate(const QByteArray &body);

//! The body parseAddNode() / parseAddProxy() read (for the GUI's client).
QByteArray writeNode(const QString &name, const NodeAddress &address);
//! The body parseUpdate() reads.
QByteArray writeUpdate(const NodePatch &patch);

} // namespace lmcf::ApiNodeRequests
