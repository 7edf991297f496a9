#pragma once

#include "core/Outcome.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

//! etcd v3's JSON HTTP gateway (`/v3/...`), encoded and decoded without I/O. Every request is
//! a POST with a JSON body; keys and values travel as base64 and 64-bit numbers (lease IDs,
//! revisions, TTLs) as decimal strings, which is how they are written here and what is
//! accepted back (plain JSON numbers too). A field etcd leaves out (proto3 omits zero values)
//! reads as 0 / empty. Bad input gives a failed Outcome naming what was wrong, never a throw.
namespace lmcf::EtcdCodec {

struct KeyValue {
    QByteArray key;
    QByteArray value;
    qint64 lease = 0;
    qint64 modRevision = 0;

    bool operator==(const KeyValue &other) const = default;
};

//! A watch event: a PUT (etcd omits `type` for it) or a DELETE (lease expiry included).
struct Event {
    bool deleted = false;
    KeyValue kv;

    bool operator==(const Event &other) const = default;
};

struct Range {
    //! The store's revision when the range was read: watch from revision + 1 to miss nothing.
    qint64 revision = 0;
    QList<KeyValue> kvs;
};

struct Lease {
    qint64 id = 0;
    qint64 ttlS = 0;
};

//! One line of a `/v3/watch` stream.
struct WatchMessage {
    bool created = false;
    //! The server ended this watch (e.g. its start revision was compacted): read the range
    //! again and watch anew.
    bool canceled = false;
    QString cancelReason;
    qint64 compactRevision = 0;
    qint64 revision = 0;
    QList<Event> events;
};

//! An error body of the gateway: `{"error","message","code"}` (gRPC status code).
struct Error {
    int code = 0;
    QString message;
};

//! gRPC NOT_FOUND, which a put with an expired lease gets ("requested lease not found").
inline constexpr int notFoundCode = 5;

QByteArray grantRequest(qint64 ttlS);
QByteArray keepAliveRequest(qint64 leaseId);
//! `leaseId` 0: no lease.
QByteArray putRequest(const QByteArray &key, const QByteArray &value, qint64 leaseId);
QByteArray rangeRequest(const QByteArray &key, const QByteArray &rangeEnd);
//! `/v3/kv/deleterange`: the keys from `key` to `rangeEnd` (empty: `key` alone).
QByteArray deleteRangeRequest(const QByteArray &key, const QByteArray &rangeEnd);
//! `startRevision` 0: from now on.
QByteArray watchRequest(const QByteArray &key, const QByteArray &rangeEnd, qint64 startRevision);

//! `/v3/lease/grant`'s answer; fails without an ID (or with an `error` field).
Outcome<Lease> parseGrant(const QByteArray &body);
//! `/v3/lease/keepalive`'s answer `{"result":{"ID","TTL"}}`: the TTL now left, 0 when the
//! lease no longer exists (etcd then leaves TTL out).
Outcome<qint64> parseKeepAlive(const QByteArray &body);
//! `/v3/kv/range`'s answer, keys and values base64-decoded; fails on bad base64.
Outcome<Range> parseRange(const QByteArray &body);
//! One line of the watch stream, `{"result":{...}}`; an `{"error":{...}}` line or anything
//! that is not such an object fails with the message.
Outcome<WatchMessage> parseWatchLine(const QByteArray &line);
//! The gateway's error body, if `body` is one.
std::optional<Error> parseError(const QByteArray &body);

//! A 64-bit integer sent as a decimal string or a JSON number; nullopt otherwise.
std::optional<qint64> toInt64(const QJsonValue &value);

} // namespace lmcf::EtcdCodec
