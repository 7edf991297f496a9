#include "discovery/SupplierConversion.h"

#include "model/NodeName.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace lmcf::SupplierConversion {

namespace {

void note(QStringList *skipped, const QString &text) {
    if (skipped)
        skipped->append(text);
}

//! One /api/nodes entry as a leaf; nullopt (with a note) when it has no usable name.
std::optional<LeafNode> leafFrom(const QJsonObject &object, const QString &proxyName,
                                 const NodeAddress &proxyAddress, QStringList *skipped) {
    const auto name = NodeName::validate(object.value(u"name"_s).toString());
    if (!name) {
        note(skipped, u"child of %1: name %2"_s.arg(proxyName, name.error()));
        return std::nullopt;
    }
    LeafNode leaf{name.value(), proxyAddress, proxyName, true, {}};
    const auto port = NodeAddress::parsePort(object.value(u"port"_s));
    if (port) {
        const auto address = NodeAddress::parse(object.value(u"host"_s).toString(), port.value());
        if (address)
            leaf.address = address.value();
    }
    return leaf;
}

} // namespace

QString proxyName(const NodeAddress &address) {
    QString name = u"proxy_"_s + address.host + u"_"_s + QString::number(address.port);
    return name.replace(u':', u'_');
}

ProxyNode ownLeafProxy(const NodeAddress &address, const NodeStatus &status) {
    ProxyNode proxy;
    proxy.name = proxyName(address);
    proxy.address = address;
    proxy.status = status;
    proxy.nodes.append(LeafNode{proxy.name, address, proxy.name, false, status});
    return proxy;
}

NodeTree toTree(const QList<InfosEntry> &entries,
                const QHash<QString, QList<LeafNode>> &childrenByAddress, QStringList *skipped) {
    QList<ProxyNode> proxies;
    QSet<QString> seen;
    for (const InfosEntry &entry : entries) {
        const auto address = NodeAddress::fromApiAddress(entry.apiAddress);
        if (!address) {
            note(skipped, u"%1: %2"_s.arg(entry.apiAddress, address.error()));
            continue;
        }
        if (seen.contains(address->authority()))
            continue;
        seen.insert(address->authority());
        const NodeStatus status{NodeState::Alive, entry.version, entry.lastReportTime};
        ProxyNode proxy = ownLeafProxy(address.value(), status);
        const QList<LeafNode> children = childrenByAddress.value(address->baseUrl());
        if (!children.isEmpty()) {
            proxy.nodes = children;
            for (LeafNode &leaf : proxy.nodes)
                leaf.proxyName = proxy.name;
        }
        proxies.append(proxy);
    }
    return NodeTree(proxies);
}

Outcome<QList<LeafNode>> childrenFromApiNodes(const QByteArray &json, const QString &proxyName,
                                              const NodeAddress &proxyAddress,
                                              QStringList *skipped) {
    using R = Outcome<QList<LeafNode>>;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject() ||
        !document.object().value(u"nodes"_s).isArray())
        return R::failure(u"/api/nodes: not a JSON object with a \"nodes\" array"_s);
    QList<LeafNode> result;
    QSet<QString> names;
    for (const QJsonValue node : document.object().value(u"nodes"_s).toArray()) {
        const QJsonArray children = node.toObject().value(u"children"_s).toArray();
        QList<QJsonObject> objects;
        if (children.isEmpty())
            objects.append(node.toObject());
        for (const QJsonValue child : children)
            objects.append(child.toObject());
        for (const QJsonObject &object : std::as_const(objects)) {
            auto leaf = leafFrom(object, proxyName, proxyAddress, skipped);
            if (leaf && !names.contains(leaf->name)) {
                names.insert(leaf->name);
                result.append(*leaf);
            }
        }
    }
    return R::success(result);
}

} // namespace lmcf::SupplierConversion
