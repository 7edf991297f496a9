#pragma once

#include "discovery/InfosEntry.h"
#include "model/NodeState.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace lmcf {

//! What the registry knows about one heartbeating node. Times are ms since the epoch.
struct RegistryEntry {
    //! Normalised API base (HeartbeatQuery::normaliseApiAddress); the registry key.
    QString apiAddress;
    std::optional<qint64> pid;
    QString version;
    //! The raw `other_info` string of the latest heartbeat.
    QString otherInfo;
    //! Where the latest heartbeat came from (peer IP), informational; may be empty.
    QString clientAddress;
    qint64 startTimeMs = 0;
    qint64 lastReportMs = 0;
    //! The heartbeat interval the node announced (other_info `heartbeat_interval`) or 30 s.
    qint64 intervalMs = 30'000;
    //! Alive or Suspect (removed entries are gone).
    NodeState state = NodeState::Alive;

    //! This entry as a `/lmcache_infos` entity (local-time QDateTimes).
    InfosEntry toInfosEntry() const;

    //! `{"api_address","pid","version","other_info","client_address","start_time_ms",
    //! "last_report_ms","interval_ms"}`: the form the state file and a shared registry keep.
    QJsonObject toJson() const;
    //! Reads toJson()'s form; nullopt when api_address does not normalise. Missing fields take
    //! their defaults (pid null, interval 30 s).
    static std::optional<RegistryEntry> fromJson(const QJsonObject &object);

    bool operator==(const RegistryEntry &other) const = default;
};

} // namespace lmcf
