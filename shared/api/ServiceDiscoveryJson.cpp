#include "api/ServiceDiscoveryJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace lmcf::ServiceDiscoveryJson {

QList<ServiceDiscoveryGroup> groups(const NodeTree &tree) {
    QList<ServiceDiscoveryGroup> result;
    for (const LeafNode &leaf : tree.leaves()) {
        ServiceDiscoveryGroup group;
        NodeAddress target = leaf.address;
        const ProxyNode *proxy = tree.proxy(leaf.proxyName);
        if (leaf.viaProxy && proxy) {
            target = proxy->address;
            group.labels.insert(u"__metrics_path__"_s, u"/proxy2/"_s + leaf.name + u"/metrics"_s);
        }
        group.targets.append(target.authority());
        group.labels.insert(u"node"_s, leaf.name);
        group.labels.insert(u"proxy"_s, leaf.proxyName);
        group.labels.insert(u"state"_s, NodeStates::toString(leaf.status.state));
        group.labels.insert(u"__scheme__"_s, target.scheme);
        if (!leaf.status.version.isEmpty())
            group.labels.insert(u"version"_s, leaf.status.version);
        result.append(group);
    }
    return result;
}

QByteArray write(const QList<ServiceDiscoveryGroup> &groups) {
    QJsonArray array;
    for (const ServiceDiscoveryGroup &group : groups) {
        QJsonObject labels;
        for (auto it = group.labels.cbegin(); it != group.labels.cend(); ++it)
            labels.insert(it.key(), it.value());
        array.append(QJsonObject{{u"targets"_s, QJsonArray::fromStringList(group.targets)},
                                 {u"labels"_s, labels}});
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

Outcome<QList<ServiceDiscoveryGroup>> read(const QByteArray &json) {
    using R = Outcome<QList<ServiceDiscoveryGroup>>;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        return R::failure(u"must be a JSON array of target groups"_s);
    QList<ServiceDiscoveryGroup> result;
    const QJsonArray array = document.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = u"[%1]"_s.arg(i);
        const QJsonObject object = array.at(i).toObject();
        ServiceDiscoveryGroup group;
        for (const QJsonValue target : object.value(u"targets"_s).toArray()) {
            if (!target.isString())
                return R::failure(path + u".targets: must be an array of strings"_s);
            group.targets.append(target.toString());
        }
        if (!object.value(u"targets"_s).isArray())
            return R::failure(path + u".targets: must be an array of strings"_s);
        const QJsonObject labels = object.value(u"labels"_s).toObject();
        for (auto it = labels.begin(); it != labels.end(); ++it) {
            if (!it.value().isString())
                return R::failure(path + u".labels.%1: must be a string"_s.arg(it.key()));
            group.labels.insert(it.key(), it.value().toString());
        }
        result.append(group);
    }
    return R::success(result);
}

} // namespace lmcf::ServiceDiscoveryJson
