#include "api/ApiNodeRequests.h"

#include "model/NodeConfig.h"
#include "model/NodeName.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace lmcf::ApiNodeRequests {

namespace {

Outcome<QJsonObject> parseBody(const QByteArray &body) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Outcome<QJsonObject>::failure(
            u"body: not valid JSON at offset %1: %2"_s.arg(error.offset).arg(error.errorString()));
    if (!document.isObject())
        return Outcome<QJsonObject>::failure(u"body: must be a JSON object"_s);
    return Outcome<QJsonObject>::success(document.object());
}

} // namespace

Outcome<ProxyNode> parseAddProxy(const QByteArray &body) {
    using R = Outcome<ProxyNode>;
    const auto object = parseBody(body);
    if (!object)
        return R::failure(object.error());
    const auto base = NodeConfig::parseNodeObject(object.value(), QString());
    if (!base)
        return R::failure(base.error());
    ProxyNode proxy{base->name, base->address, {}, {}};
    const QJsonValue nodes = object->value(u"nodes"_s);
    if (!nodes.isUndefined() && !nodes.isNull() && !nodes.isArray())
        return R::failure(u"nodes: must be an array"_s);
    QSet<QString> names;
    const QJsonArray array = nodes.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = u"nodes[%1]"_s.arg(i);
        auto leaf = NodeConfig::parseNodeObject(array.at(i), path);
        if (!leaf)
            return R::failure(leaf.error());
        if (names.contains(leaf->name))
            return R::failure(path + u".name: duplicate name \"%1\""_s.arg(leaf->name));
        names.insert(leaf->name);
        leaf.value().proxyName = proxy.name;
        proxy.nodes.append(leaf.value());
    }
    return R::success(proxy);
}

Outcome<LeafNode> parseAddNode(const QByteArray &body, const QString &proxyName) {
    const auto object = parseBody(body);
    if (!object)
        return Outcome<LeafNode>::failure(object.error());
    auto leaf = NodeConfig::parseNodeObject(object.value(), QString());
    if (leaf)
        leaf.value().proxyName = proxyName;
    return leaf;
}

Outcome<NodePatch> parseUpdate(const QByteArray &body) {
    using R = Outcome<NodePatch>;
    const auto object = parseBody(body);
    if (!object)
        return R::failure(object.error());
    NodePatch patch;
    if (object->contains(u"name"_s)) {
        if (!object->value(u"name"_s).isString())
            return R::failure(u"name: must be a string"_s);
        const auto name = NodeName::validate(object->value(u"name"_s).toString());
        if (!name)
            return R::failure(u"name: "_s + name.error());
        patch.name = name.value();
    }
    if (object->contains(u"host"_s)) {
        if (!object->value(u"host"_s).isString())
            return R::failure(u"host: must be a string"_s);
        const auto host = NodeAddress::parseHost(object->value(u"host"_s).toString());
        if (!host)
            return R::failure(u"host: "_s + host.error());
        patch.host = host.value();
    }
    if (object->contains(u"port"_s)) {
        const auto port = NodeAddress::parsePort(object->value(u"port"_s));
        if (!port)
            return R::failure(u"port: "_s + port.error());
        patch.port = port.value();
    }
    if (patch.isEmpty())
        return R::failure(u"body: give at least one of name, host, port"_s);
    return R::success(patch);
}

QByteArray writeNode(const QString &name, const NodeAddress &address) {
    const QJsonObject object{
        {u"name"_s, name}, {u"host"_s, address.hostField()}, {u"port"_s, address.port}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray writeUpdate(const NodePatch &patch) {
    QJsonObject object;
    if (patch.name)
        object.insert(u"name"_s, *patch.name);
    if (patch.host)
        object.insert(u"host"_s, patch.host->hostField());
    if (patch.port)
        object.insert(u"port"_s, *patch.port);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace lmcf::ApiNodeRequests
