#include "models/NodeListReader.h"

#include <QJsonArray>
#include <QJsonObject>

namespace lmcf {

namespace {

int portOf(const QJsonValue &value) {
    if (value.isDouble())
        return value.toInt();
    bool ok = false;
    const int port = value.toString().toInt(&ok);
    return ok ? port : 0;
}

QString textOf(const QJsonObject &object, const char *key) {
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isDouble())
        return QString::number(value.toDouble(), 'f', 0);
    return value.toString();
}

Outcome<FleetNode> readNode(const QJsonValue &value, const QString &where) {
    if (!value.isObject())
        return Outcome<FleetNode>::failure(where + QStringLiteral(": not an object"));
    const QJsonObject object = value.toObject();
    FleetNode node;
    node.name = object.value(QLatin1String("name")).toString();
    if (node.name.isEmpty())
        return Outcome<FleetNode>::failure(where + QStringLiteral(": no name"));
    node.id = object.value(QLatin1String("id")).toString(node.name);
    node.host = object.value(QLatin1String("host")).toString();
    node.port = portOf(object.value(QLatin1String("port")));
    node.isProxy = object.value(QLatin1String("is_proxy")).toBool(false);
    node.proxyId = object.value(QLatin1String("proxy_id")).toString();
    node.state = object.value(QLatin1String("state")).toString();
    node.version = textOf(object, "version");
    node.lastHeartbeat = textOf(object, "last_heartbeat");
    node.url = object.value(QLatin1String("url")).toString();
    const QJsonArray children = object.value(QLatin1String("children")).toArray();
    for (qsizetype i = 0; i < children.size(); ++i) {
        auto child = readNode(children.at(i), where + QStringLiteral(".children[%1]").arg(i));
        if (!child)
            return child;
        if (child->proxyId.isEmpty())
            child.value().proxyId = node.name;
        node.children << child.value();
    }
    return Outcome<FleetNode>::success(std::move(node));
}

} // namespace

Outcome<FleetNodeList> NodeListReader::read(const QJsonDocument &document) {
    if (!document.isObject())
        return Outcome<FleetNodeList>::failure(QStringLiteral("node list is not a JSON object"));
    const QJsonObject root = document.object();
    const QJsonValue nodes = root.value(QLatin1String("nodes"));
    if (!nodes.isArray())
        return Outcome<FleetNodeList>::failure(QStringLiteral("node list has no \"nodes\" array"));
    FleetNodeList list;
    list.index = root.value(QLatin1String("index")).toInteger(-1);
    const QJsonArray array = nodes.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto node = readNode(array.at(i), QStringLiteral("nodes[%1]").arg(i));
        if (!node)
            return Outcome<FleetNodeList>::failure(node.error());
        list.proxies << node.value();
    }
    return Outcome<FleetNodeList>::success(std::move(list));
}

Outcome<FleetNodeList> NodeListReader::read(const QByteArray &json) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Outcome<FleetNodeList>::failure(QStringLiteral("node list is not JSON: ") +
                                               error.errorString());
    return read(document);
}

} // namespace lmcf
