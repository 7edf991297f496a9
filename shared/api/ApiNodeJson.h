#pragma once

#include "api/ApiNodeList.h"
#include "core/Outcome.h"

#include <QByteArray>

namespace lmcf {

//! The JSON of `GET /api/nodes`, `/api/proxies` and `/api/proxies/{p}/nodes`: the original's
//! shape (spec §2; ids `proxy_<name>` and `node_<name>`, `proxy_id` = the proxy's name, `host`
//! as NodeAddress::hostField(), `port` an integer) plus, per node, `state`
//! (static/alive/suspect/down), `version`, `last_heartbeat` (ISO 8601 UTC with ms, or null),
//! `url` (the base URL requests for it go to), `via_proxy` on leaves, and a top-level `index`.
//! Keys come out sorted (QJsonObject); JSON readers do not care about key order.
namespace ApiNodeJson {

//! `{"index":N,"nodes":[{proxy…,"children":[{leaf…}]}]}`
QByteArray writeNodes(const NodeTree &tree, quint64 index);
//! `{"index":N,"proxies":[{"name","host","port",…}]}`
QByteArray writeProxies(const NodeTree &tree, quint64 index);
//! `{"index":N,"nodes":[{leaf…}]}` for one proxy's leaves.
QByteArray writeProxyNodes(const ProxyNode &proxy, quint64 index);

//! Reads writeNodes() output, or the original dashboard's `/api/nodes` (then states are Static
//! and ports may be numeric strings). Errors name the field: `nodes[1].children[0].port: ...`.
Outcome<ApiNodeList> readNodes(const QByteArray &json);
//! Reads writeProxies() output into proxies without leaves.
Outcome<ApiNodeList> readProxies(const QByteArray &json);
//! Reads writeProxyNodes() output; the leaves' proxyName is taken from `proxy_id`.
Outcome<QList<LeafNode>> readProxyNodes(const QByteArray &json);

} // namespace ApiNodeJson

} // namespace lmcf
