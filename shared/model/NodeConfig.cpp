#include "model/NodeConfig.h"

#include "model/NodeName.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace lmcf::NodeConfig {

namespace {

QString fieldPath(const QString &path, const QString &key) {
    return path.isEmpty() ? key : path + u"."_s + key;
}

struct Entry {
    QString name;
    NodeAddress address;
};

Outcome<Entry> parseEntry(const QJsonValue &value, const QString &path) {
    auto leaf = parseNodeObject(value, path);
    if (!leaf)
        return Outcome<Entry>::failure(leaf.error());
    return Outcome<Entry>::success(Entry{leaf->name, leaf->address});
}

//! Remembers where each name was first seen, to name both places on a duplicate.
using SeenNames = QHash<QString, QString>;

Outcome<QJsonArray> parseArray(const QByteArray &json, const QString &what) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Outcome<QJsonArray>::failure(
            u"not valid JSON at offset %1: %2"_s.arg(error.offset).arg(error.errorString()));
    if (!document.isArray())
        return Outcome<QJsonArray>::failure(u"must be a JSON array of "_s + what);
    return Outcome<QJsonArray>::success(document.array());
}

//! Fails when `name` was seen (the own-proxy exception is the caller's business).
std::optional<QString> checkDuplicate(SeenNames &seen, const QString &name, const QString &path) {
    const auto it = seen.constFind(name);
    if (it != seen.cend())
        return path + u".name: duplicate name \"%1\" (also at %2.name)"_s.arg(name, it.value());
    seen.insert(name, path);
    return std::nullopt;
}

Outcome<ProxyNode> parseProxy(const QJsonValue &value, const QString &path, SeenNames &seen) {
    using R = Outcome<ProxyNode>;
    const auto entry = parseEntry(value, path);
    if (!entry)
        return R::failure(entry.error());
    if (auto duplicate = checkDuplicate(seen, entry->name, path))
        return R::failure(*duplicate);
    ProxyNode proxy{entry->name, entry->address, {}, {}};
    const QJsonValue children = value.toObject().value(u"nodes"_s);
    if (children.isUndefined() || children.isNull())
        return R::success(proxy);
    if (!children.isArray())
        return R::failure(path + u".nodes: must be an array"_s);
    const QJsonArray array = children.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString childPath = path + u".nodes[%1]"_s.arg(i);
        const auto child = parseEntry(array.at(i), childPath);
        if (!child)
            return R::failure(child.error());
        const bool ownLeaf = child->name == proxy.name &&
                             std::none_of(proxy.nodes.cbegin(), proxy.nodes.cend(),
                                          [&](const LeafNode &l) { return l.name == proxy.name; });
        if (!ownLeaf) {
            if (auto duplicate = checkDuplicate(seen, child->name, childPath))
                return R::failure(*duplicate);
        }
        proxy.nodes.append(LeafNode{child->name, child->address, proxy.name, false, {}});
    }
    return R::success(proxy);
}

} // namespace

Outcome<LeafNode> parseNodeObject(const QJsonValue &value, const QString &path) {
    using R = Outcome<LeafNode>;
    if (!value.isObject())
        return R::failure((path.isEmpty() ? u"body"_s : path) +
                          u": must be an object with name, host and port"_s);
    const QJsonObject object = value.toObject();
    for (const QString &key : {u"name"_s, u"host"_s, u"port"_s}) {
        if (!object.contains(key))
            return R::failure(fieldPath(path, key) + u": missing"_s);
    }
    for (const QString &key : {u"name"_s, u"host"_s}) {
        if (!object.value(key).isString())
            return R::failure(fieldPath(path, key) + u": must be a string"_s);
    }
    const auto name = NodeName::validate(object.value(u"name"_s).toString());
    if (!name)
        return R::failure(fieldPath(path, u"name"_s) + u": "_s + name.error());
    const auto port = NodeAddress::parsePort(object.value(u"port"_s));
    if (!port)
        return R::failure(fieldPath(path, u"port"_s) + u": "_s + port.error());
    const auto host = NodeAddress::parseHost(object.value(u"host"_s).toString());
    if (!host)
        return R::failure(fieldPath(path, u"host"_s) + u": "_s + host.error());
    LeafNode leaf;
    leaf.name = name.value();
    leaf.address = host.value();
    leaf.address.port = port.value();
    return R::success(leaf);
}

Outcome<NodeTree> parseConfig(const QByteArray &json) {
    using R = Outcome<NodeTree>;
    const auto array =
        parseArray(json, u"proxies [{\"name\",\"host\",\"port\",\"nodes\":[...]}]"_s);
    if (!array)
        return R::failure(array.error());
    SeenNames seen;
    QList<ProxyNode> proxies;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const auto proxy = parseProxy(array->at(i), u"[%1]"_s.arg(i), seen);
        if (!proxy)
            return R::failure(proxy.error());
        proxies.append(proxy.value());
    }
    return R::success(NodeTree(proxies));
}

Outcome<NodeTree> readConfigFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Outcome<NodeTree>::failure(path + u": cannot read: "_s + file.errorString());
    auto tree = parseConfig(file.readAll());
    if (!tree)
        return Outcome<NodeTree>::failure(path + u": "_s + tree.error());
    return tree;
}

Outcome<NodeTree> parseNodes(const QByteArray &json, const NodeAddress &localProxy) {
    using R = Outcome<NodeTree>;
    const auto array = parseArray(json, u"nodes [{\"name\",\"host\",\"port\"}]"_s);
    if (!array)
        return R::failure(u"nodes: "_s + array.error());
    SeenNames seen;
    seen.insert(localProxyName(), u"the proxy itself, named"_s);
    ProxyNode proxy{localProxyName(), localProxy, {}, {}};
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QString path = u"nodes[%1]"_s.arg(i);
        const auto entry = parseEntry(array->at(i), path);
        if (!entry)
            return R::failure(entry.error());
        if (auto duplicate = checkDuplicate(seen, entry->name, path))
            return R::failure(*duplicate);
        proxy.nodes.append(LeafNode{entry->name, entry->address, proxy.name, false, {}});
    }
    return R::success(NodeTree({proxy}));
}

} // namespace lmcf::NodeConfig
