#include "api/ApiNodeJson.h"

#include "model/NodeConfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace lmcf::ApiNodeJson {

namespace {

void addStatus(QJsonObject &object, const NodeStatus &status, const QString &url) {
    object.insert(u"state"_s, NodeStates::toString(status.state));
    object.insert(u"version"_s, status.version);
    object.insert(u"last_heartbeat"_s,
                  status.lastHeartbeat.isValid()
                      ? QJsonValue(status.lastHeartbeat.toUTC().toString(Qt::ISODateWithMs))
                      : QJsonValue(QJsonValue::Null));
    object.insert(u"url"_s, url);
}

QJsonObject leafJson(const ProxyNode &proxy, const LeafNode &leaf) {
    QJsonObject object{{u"id"_s, QString(u"node_"_s + leaf.name)},
                       {u"name"_s, leaf.name},
                       {u"host"_s, leaf.address.hostField()},
                       {u"port"_s, leaf.address.port},
                       {u"is_proxy"_s, false},
                       {u"proxy_id"_s, proxy.name},
                       {u"via_proxy"_s, leaf.viaProxy}};
    const QString url = leaf.viaProxy ? proxy.address.baseUrl() + u"/proxy2/"_s + leaf.name
                                      : leaf.address.baseUrl();
    addStatus(object, leaf.status, url);
    return object;
}

QJsonObject proxyJson(const ProxyNode &proxy, bool withChildren) {
    QJsonObject object{{u"name"_s, proxy.name},
                       {u"host"_s, proxy.address.hostField()},
                       {u"port"_s, proxy.address.port}};
    if (withChildren) {
        QJsonArray children;
        for (const LeafNode &leaf : proxy.nodes)
            children.append(leafJson(proxy, leaf));
        object.insert(u"id"_s, QString(u"proxy_"_s + proxy.name));
        object.insert(u"is_proxy"_s, true);
        object.insert(u"children"_s, children);
    }
    addStatus(object, proxy.status, proxy.address.baseUrl());
    return object;
}

QByteArray document(const QString &key, const QJsonArray &array, quint64 index) {
    const QJsonObject root{{u"index"_s, static_cast<qint64>(index)}, {key, array}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

Outcome<NodeStatus> readStatus(const QJsonObject &object, const QString &path) {
    NodeStatus status;
    const QJsonValue state = object.value(u"state"_s);
    if (!state.isUndefined()) {
        const auto parsed = NodeStates::fromString(state.toString());
        if (!parsed)
            return Outcome<NodeStatus>::failure(
                path + u".state: must be static, alive, suspect or down"_s);
        status.state = *parsed;
    }
    status.version = object.value(u"version"_s).toString();
    status.lastHeartbeat =
        QDateTime::fromString(object.value(u"last_heartbeat"_s).toString(), Qt::ISODateWithMs);
    return Outcome<NodeStatus>::success(status);
}

Outcome<LeafNode> readLeaf(const QJsonValue &value, const QString &path) {
    auto leaf = NodeConfig::parseNodeObject(value, path);
    if (!leaf)
        return leaf;
    const auto status = readStatus(value.toObject(), path);
    if (!status)
        return Outcome<LeafNode>::failure(status.error());
    leaf.value().status = status.value();
    leaf.value().proxyName = value.toObject().value(u"proxy_id"_s).toString();
    leaf.value().viaProxy = value.toObject().value(u"via_proxy"_s).toBool();
    return leaf;
}

Outcome<ProxyNode> readProxy(const QJsonValue &value, const QString &path) {
    using R = Outcome<ProxyNode>;
    const auto base = readLeaf(value, path);
    if (!base)
        return R::failure(base.error());
    ProxyNode proxy{base->name, base->address, {}, base->status};
    const QJsonValue children = value.toObject().value(u"children"_s);
    if (!children.isUndefined() && !children.isArray())
        return R::failure(path + u".children: must be an array"_s);
    const QJsonArray array = children.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto leaf = readLeaf(array.at(i), path + u".children[%1]"_s.arg(i));
        if (!leaf)
            return R::failure(leaf.error());
        leaf.value().proxyName = proxy.name;
        proxy.nodes.append(leaf.value());
    }
    return R::success(proxy);
}

struct Root {
    QJsonArray array;
    quint64 index = 0;
};

Outcome<Root> readRoot(const QByteArray &json, const QString &key) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Outcome<Root>::failure(
            u"not valid JSON at offset %1: %2"_s.arg(error.offset).arg(error.errorString()));
    if (!doc.isObject() || !doc.object().value(key).isArray())
        return Outcome<Root>::failure(u"must be a JSON object with a \"%1\" array"_s.arg(key));
    const double index = doc.object().value(u"index"_s).toDouble();
    return Outcome<Root>::success(
        Root{doc.object().value(key).toArray(),
             index >= 1 && index < 9.0e18 ? static_cast<quint64>(index) : 0});
}

Outcome<ApiNodeList> readProxyArray(const QByteArray &json, const QString &key) {
    using R = Outcome<ApiNodeList>;
    const auto root = readRoot(json, key);
    if (!root)
        return R::failure(root.error());
    QList<ProxyNode> proxies;
    for (qsizetype i = 0; i < root->array.size(); ++i) {
        const auto proxy = readProxy(root->array.at(i), key + u"[%1]"_s.arg(i));
        if (!proxy)
            return R::failure(proxy.error());
        proxies.append(proxy.value());
    }
    return R::success(ApiNodeList{NodeTree(proxies), root->index});
}

} // namespace

QByteArray writeNodes(const NodeTree &tree, quint64 index) {
    QJsonArray nodes;
    for (const ProxyNode &proxy : tree.proxies())
        nodes.append(proxyJson(proxy, true));
    return document(u"nodes"_s, nodes, index);
}

QByteArray writeProxies(const NodeTree &tree, quint64 index) {
    QJsonArray proxies;
    for (const ProxyNode &proxy : tree.proxies())
        proxies.append(proxyJson(proxy, false));
    return document(u"proxies"_s, proxies, index);
}

QByteArray writeProxyNodes(const ProxyNode &proxy, quint64 index) {
    QJsonArray nodes;
    for (const LeafNode &leaf : proxy.nodes)
        nodes.append(leafJson(proxy, leaf));
    return document(u"nodes"_s, nodes, index);
}

Outcome<ApiNodeList> readNodes(const QByteArray &json) {
    return readProxyArray(json, u"nodes"_s);
}

Outcome<ApiNodeList> readProxies(const QByteArray &json) {
    return readProxyArray(json, u"proxies"_s);
}

Outcome<QList<LeafNode>> readProxyNodes(const QByteArray &json) {
    using R = Outcome<QList<LeafNode>>;
    const auto root = readRoot(json, u"nodes"_s);
    if (!root)
        return R::failure(root.error());
    QList<LeafNode> leaves;
    for (qsizetype i = 0; i < root->array.size(); ++i) {
        const auto leaf = readLeaf(root->array.at(i), u"nodes[%1]"_s.arg(i));
        if (!leaf)
            return R::failure(leaf.error());
        leaves.append(leaf.value());
    }
    return R::success(leaves);
}

} // namespace lmcf::ApiNodeJson
