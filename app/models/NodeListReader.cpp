#include "models/NodeListReader.h"

#include "api/ApiNodeJson.h"

namespace lmcf {

namespace {

void describe(FleetNode &node, const QString &name, const NodeAddress &address,
              const NodeStatus &status) {
    node.name = name;
    node.host = address.host;
    node.port = address.port;
    node.url = address.baseUrl();
    node.state = NodeStates::toString(status.state);
    node.version = status.version;
    if (status.lastHeartbeat.isValid())
        node.lastHeartbeat =
            status.lastHeartbeat.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

Outcome<FleetNodeList> NodeListReader::read(const QByteArray &json) {
    auto api = ApiNodeJson::readNodes(json);
    if (!api)
        return Outcome<FleetNodeList>::failure(api.error());
    FleetNodeList list;
    list.index = api->index > 0 ? qint64(api->index) : -1;
    for (const ProxyNode &proxy : api->tree.proxies()) {
        FleetNode row;
        describe(row, proxy.name, proxy.address, proxy.status);
        row.id = QStringLiteral("proxy_") + proxy.name;
        row.isProxy = true;
        // A heartbeat node is a proxy that is its own single leaf: one row, not a row and a
        // twin child.
        const QList<LeafNode> children = proxy.isOwnLeaf() ? QList<LeafNode>{} : proxy.nodes;
        for (const LeafNode &leaf : children) {
            FleetNode child;
            describe(child, leaf.name, leaf.address, leaf.status);
            child.id = QStringLiteral("node_") + leaf.name;
            child.proxyId = proxy.name;
            row.children << child;
        }
        list.proxies << row;
    }
    return Outcome<FleetNodeList>::success(std::move(list));
}

} // namespace lmcf
