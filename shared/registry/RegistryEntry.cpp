#include "registry/RegistryEntry.h"

#include "discovery/HeartbeatQuery.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace lmcf {

InfosEntry RegistryEntry::toInfosEntry() const {
    InfosEntry entry;
    entry.apiAddress = apiAddress;
    entry.pid = pid;
    entry.version = version;
    entry.startTime = QDateTime::fromMSecsSinceEpoch(startTimeMs);
    entry.lastReportTime = QDateTime::fromMSecsSinceEpoch(lastReportMs);
    entry.otherInfo = otherInfo;
    return entry;
}

QJsonObject RegistryEntry::toJson() const {
    return QJsonObject{
        {u"api_address"_s, apiAddress},
        {u"pid"_s, pid ? QJsonValue(*pid) : QJsonValue(QJsonValue::Null)},
        {u"version"_s, version},
        {u"other_info"_s, otherInfo},
        {u"client_address"_s, clientAddress},
        {u"start_time_ms"_s, startTimeMs},
        {u"last_report_ms"_s, lastReportMs},
        {u"interval_ms"_s, intervalMs},
    };
}

std::optional<RegistryEntry> RegistryEntry::fromJson(const QJsonObject &object) {
    const auto address =
        HeartbeatQuery::normaliseApiAddress(object.value(u"api_address"_s).toString());
    if (!address)
        return std::nullopt;
    RegistryEntry entry;
    entry.apiAddress = address.value();
    if (object.value(u"pid"_s).isDouble())
        entry.pid = object.value(u"pid"_s).toInteger();
    entry.version = object.value(u"version"_s).toString();
    entry.otherInfo = object.value(u"other_info"_s).toString();
    entry.clientAddress = object.value(u"client_address"_s).toString();
    entry.startTimeMs = object.value(u"start_time_ms"_s).toInteger();
    entry.lastReportMs = object.value(u"last_report_ms"_s).toInteger();
    entry.intervalMs = object.value(u"interval_ms"_s).toInteger(30'000);
    return entry;
}

} // namespace lmcf
