#include "registry/ManualNodesFile.h"

#include "model/NodeConfig.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace lmcf {

namespace {
QJsonObject nodeObject(const QString &name, const NodeAddress &address) {
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("host"), address.hostField()},
                       {QStringLiteral("port"), address.port}};
}
} // namespace

QByteArray ManualNodesFile::encode(const NodeTree &tree) {
    QJsonArray proxies;
    for (const ProxyNode &proxy : tree.proxies()) {
        QJsonObject object = nodeObject(proxy.name, proxy.address);
        QJsonArray nodes;
        for (const LeafNode &leaf : proxy.nodes)
            nodes.append(nodeObject(leaf.name, leaf.address));
        object.insert(QStringLiteral("nodes"), nodes);
        proxies.append(object);
    }
    return QJsonDocument(proxies).toJson(QJsonDocument::Indented);
}

Outcome<NodeTree> ManualNodesFile::load() const {
    if (!QFileInfo::exists(m_path))
        return Outcome<NodeTree>::success({});
    return NodeConfig::readConfigFile(m_path);
}

Outcome<bool> ManualNodesFile::save(const NodeTree &tree) const {
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(encode(tree)) < 0 || !file.commit())
        return Outcome<bool>::failure(
            QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString()));
    return Outcome<bool>::success(true);
}

} // namespace lmcf
