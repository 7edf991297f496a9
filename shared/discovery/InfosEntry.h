#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace lmcf {

//! One process in `/lmcache_infos` (one `lmCacheInfoEntities` element, spec §1).
struct InfosEntry {
    //! The node's API base, e.g. `http://10.0.0.5:8085` (also the processInfos key).
    QString apiAddress;
    std::optional<qint64> pid;
    QString version;
    //! First heartbeat seen; invalid when unknown.
    QDateTime startTime;
    //! Latest heartbeat; invalid when unknown.
    QDateTime lastReportTime;
    //! The `other_info` JSON object as the raw string received.
    QString otherInfo;

    bool operator==(const InfosEntry &other) const = default;
};

} // namespace lmcf
