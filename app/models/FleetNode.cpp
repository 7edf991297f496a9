#include "models/FleetNode.h"

#include <QSet>

namespace lmcf {

QString FleetNode::address() const {
    if (host.isEmpty())
        return url;
    const QString shownHost = host.contains(u':') ? u'[' + host + u']' : host;
    return port > 0 ? shownHost + u':' + QString::number(port) : shownHost;
}

bool FleetNode::operator==(const FleetNode &other) const {
    return id == other.id && name == other.name && host == other.host && port == other.port &&
           isProxy == other.isProxy && proxyId == other.proxyId && state == other.state &&
           version == other.version && lastHeartbeat == other.lastHeartbeat && url == other.url &&
           children == other.children;
}

QList<FleetNode> FleetNodeList::leaves() const {
    QList<FleetNode> result;
    QSet<QString> seen;
    for (const FleetNode &proxy : proxies) {
        const QList<FleetNode> members =
            proxy.children.isEmpty() ? QList<FleetNode>{proxy} : proxy.children;
        for (const FleetNode &node : members) {
            if (seen.contains(node.name))
                continue;
            seen.insert(node.name);
            result << node;
        }
    }
    return result;
}

} // namespace lmcf
