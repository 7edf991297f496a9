#pragma once

#include "core/Outcome.h"
#include "discovery/InfosEntry.h"

#include <QByteArray>
#include <QList>
#include <QUrlQuery>

namespace lmcf::InfosDocument {

//! The `/lmcache_infos` body for `entries`, in the original's shape (spec §1): keys sorted as
//! Flask's jsonify sorts them, `versions` null, `ipAddress` null, `count` 1, times
//! `YYYY-MM-DD HH:MM:SS` in local time (as the original's naive `datetime.now()`), `otherInfo`
//! the raw string ("{}" when empty). `processCount` is the number of entries written.
//! `versionCount` is the number of distinct versions among them (the original writes the
//! process count unfiltered and 0 when filtered: nobody reads it).
QByteArray write(const QList<InfosEntry> &entries);

//! Reads a `/lmcache_infos` body from our daemon or the original service. Lenient like the
//! original dashboard: a missing `processInfos` is an empty list, an entity without
//! `apiAddress` takes its processInfos key, bad or missing times are invalid QDateTimes, a
//! non-integer pid is nullopt. Fails only when the body is not a JSON object or
//! `processInfos`/`lmCacheInfoEntities` has the wrong type (the message names it).
Outcome<QList<InfosEntry>> read(const QByteArray &json);

//! `YYYY-MM-DD HH:MM:SS` in local time; empty for an invalid time.
QString formatTime(const QDateTime &time);
//! Inverse of formatTime(); invalid on anything else.
QDateTime parseTime(const QString &text);

//! The look-back window a `/lmcache_infos` query asks for, in seconds: `hour=N` wins over
//! `minute=N`; values that are not integers are ignored (as Flask's `type=int` does).
//! nullopt: no filter.
std::optional<qint64> windowSeconds(const QUrlQuery &query);

//! The entries whose lastReportTime is at or after `now - windowSeconds` (the original's `>=`).
//! Entries with an invalid lastReportTime are dropped.
QList<InfosEntry> recent(const QList<InfosEntry> &entries, qint64 windowSeconds,
                         const QDateTime &now);

} // namespace lmcf::InfosDocument
