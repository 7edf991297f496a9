#include "NodeReport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace lmcf::NodeReport {

QString versionFromBody(const QByteArray &body) {
    static const QString fallback = QStringLiteral("1.0.0");
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 200)
        return fallback;
    const QJsonDocument document = QJsonDocument::fromJson("[" + trimmed + "]");
    QString version;
    if (document.isArray() && document.array().size() == 1 && document.array().at(0).isString())
        version = document.array().at(0).toString();
    else if (!trimmed.startsWith('{') && !trimmed.startsWith('['))
        version = QString::fromUtf8(trimmed); // a bare text answer
    version.remove(u'"');
    version = version.simplified();
    return version.isEmpty() ? fallback : version;
}

QString otherInfo(const PluginConfig &config, const QDateTime &startupTime) {
    QJsonObject info;
    info.insert(QStringLiteral("startup_time"),
                startupTime.toLocalTime().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")));
    info.insert(QStringLiteral("heartbeat_interval"), config.heartbeatIntervalS);
    if (config.l1SizeBytes >= 0)
        info.insert(QStringLiteral("l1_size_bytes"), double(config.l1SizeBytes));
    if (!config.evictionPolicy.isEmpty())
        info.insert(QStringLiteral("eviction_policy"), config.evictionPolicy);
    if (config.chunkSize > 0)
        info.insert(QStringLiteral("chunk_size"), config.chunkSize);
    if (!config.hashAlgorithm.isEmpty())
        info.insert(QStringLiteral("hash_algorithm"), config.hashAlgorithm);
    return QString::fromUtf8(QJsonDocument(info).toJson(QJsonDocument::Compact));
}

} // namespace lmcf::NodeReport
