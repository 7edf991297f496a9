#include "proxy/StaticNodeDirectory.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace lmcf {

bool StaticNodeDirectory::add(const QString &name, const QUrl &baseUrl) {
    if (name.isEmpty() || !baseUrl.isValid() || baseUrl.host().isEmpty() ||
        (baseUrl.scheme() != u"http" && baseUrl.scheme() != u"https"))
        return false;
    m_nodes.insert(name, baseUrl);
    return true;
}

std::optional<QUrl> StaticNodeDirectory::baseUrlOf(const QString &nodeName) const {
    const auto it = m_nodes.constFind(nodeName);
    if (it == m_nodes.constEnd())
        return std::nullopt;
    return *it;
}

Outcome<StaticNodeDirectory> StaticNodeDirectory::fromNodesJson(const QByteArray &json) {
    using Result = Outcome<StaticNodeDirectory>;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (!doc.isArray())
        return Result::failure(
            QStringLiteral("--nodes: expected a JSON array: %1")
                .arg(error.error ? error.errorString() : QStringLiteral("not an array")));
    StaticNodeDirectory directory;
    for (const QJsonValue &entry : doc.array()) {
        const QJsonObject node = entry.toObject();
        const QString name = node.value(u"name").toString();
        const QString host = node.value(u"host").toString();
        const QJsonValue portValue = node.value(u"port");
        bool ok = portValue.isDouble();
        int port = portValue.toInt();
        if (portValue.isString())
            port = portValue.toString().toInt(&ok);
        QUrl url;
        url.setScheme(QStringLiteral("http"));
        url.setHost(host);
        url.setPort(port);
        if (!ok || port < 1 || port > 65535 || !directory.add(name, url))
            return Result::failure(
                QStringLiteral("--nodes: bad entry %1")
                    .arg(QString::fromUtf8(QJsonDocument(node).toJson(QJsonDocument::Compact))));
    }
    return Result::success(directory);
}

} // namespace lmcf
