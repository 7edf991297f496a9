#include "discovery/InfosDocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace lmcf::InfosDocument {

namespace {

const QString timeFormat = u"yyyy-MM-dd HH:mm:ss"_s;

QJsonObject entityJson(const InfosEntry &entry) {
    QJsonObject entity;
    entity.insert(u"ipAddress"_s, QJsonValue::Null);
    entity.insert(u"pid"_s, entry.pid ? QJsonValue(*entry.pid) : QJsonValue(QJsonValue::Null));
    entity.insert(u"apiAddress"_s, entry.apiAddress);
    entity.insert(u"version"_s, entry.version);
    entity.insert(u"startTime"_s, formatTime(entry.startTime));
    entity.insert(u"lastReportTime"_s, formatTime(entry.lastReportTime));
    entity.insert(u"otherInfo"_s, entry.otherInfo.isEmpty() ? u"{}"_s : entry.otherInfo);
    return entity;
}

InfosEntry entryFrom(const QJsonObject &entity, const QString &key) {
    InfosEntry entry;
    entry.apiAddress = entity.value(u"apiAddress"_s).toString(key);
    const QJsonValue pid = entity.value(u"pid"_s);
    if (pid.isDouble() && pid.toDouble() == static_cast<double>(pid.toInteger()))
        entry.pid = pid.toInteger();
    entry.version = entity.value(u"version"_s).toString();
    entry.startTime = parseTime(entity.value(u"startTime"_s).toString());
    entry.lastReportTime = parseTime(entity.value(u"lastReportTime"_s).toString());
    const QJsonValue other = entity.value(u"otherInfo"_s);
    // Someone else's service may send the object itself instead of its string.
    entry.otherInfo =
        other.isObject()
            ? QString::fromUtf8(QJsonDocument(other.toObject()).toJson(QJsonDocument::Compact))
            : other.toString();
    return entry;
}

} // namespace

QString formatTime(const QDateTime &time) {
    return time.isValid() ? time.toLocalTime().toString(timeFormat) : QString();
}

QDateTime parseTime(const QString &text) {
    return QDateTime::fromString(text, timeFormat);
}

QByteArray write(const QList<InfosEntry> &entries) {
    QJsonObject processInfos;
    QSet<QString> versions;
    for (const InfosEntry &entry : entries) {
        processInfos.insert(entry.apiAddress,
                            QJsonObject{{u"count"_s, 1},
                                        {u"lmCacheInfoEntities"_s, QJsonArray{entityJson(entry)}}});
        versions.insert(entry.version);
    }
    QJsonObject root;
    root.insert(u"processCount"_s, processInfos.size());
    root.insert(u"versionCount"_s, versions.size());
    root.insert(u"versions"_s, QJsonValue::Null);
    root.insert(u"processInfos"_s, processInfos);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

Outcome<QList<InfosEntry>> read(const QByteArray &json) {
    using R = Outcome<QList<InfosEntry>>;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return R::failure(u"lmcache_infos: not valid JSON at offset %1: %2"_s.arg(error.offset)
                              .arg(error.errorString()));
    if (!document.isObject())
        return R::failure(u"lmcache_infos: must be a JSON object"_s);
    const QJsonValue infos = document.object().value(u"processInfos"_s);
    if (infos.isUndefined() || infos.isNull())
        return R::success({});
    if (!infos.isObject())
        return R::failure(u"lmcache_infos: processInfos must be an object"_s);
    QList<InfosEntry> entries;
    const QJsonObject processInfos = infos.toObject();
    for (auto it = processInfos.begin(); it != processInfos.end(); ++it) {
        const QJsonValue list = it.value().toObject().value(u"lmCacheInfoEntities"_s);
        if (!list.isArray())
            return R::failure(
                u"lmcache_infos: processInfos[\"%1\"].lmCacheInfoEntities must be an array"_s.arg(
                    it.key()));
        for (const QJsonValue entity : list.toArray()) {
            if (entity.isObject())
                entries.append(entryFrom(entity.toObject(), it.key()));
        }
    }
    return R::success(entries);
}

std::optional<qint64> windowSeconds(const QUrlQuery &query) {
    const std::pair<QString, qint64> units[] = {{u"hour"_s, 3600}, {u"minute"_s, 60}};
    for (const auto &[key, seconds] : units) {
        if (!query.hasQueryItem(key))
            continue;
        bool ok = false;
        const qint64 count = query.queryItemValue(key).toLongLong(&ok);
        if (ok && count > -1'000'000'000 && count < 1'000'000'000)
            return count * seconds;
    }
    return std::nullopt;
}

QList<InfosEntry> recent(const QList<InfosEntry> &entries, qint64 windowSeconds,
                         const QDateTime &now) {
    const QDateTime threshold = now.addSecs(-windowSeconds);
    QList<InfosEntry> result;
    for (const InfosEntry &entry : entries) {
        if (entry.lastReportTime.isValid() && entry.lastReportTime >= threshold)
            result.append(entry);
    }
    return result;
}

} // namespace lmcf::InfosDocument
