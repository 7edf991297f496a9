#pragma once

#include "core/Outcome.h"

#include <QByteArray>
#include <QUrlQuery>

class QHttpServer;
class QHttpServerRequest;

namespace lmcf {

class Authorizer;
class DaemonStats;
class HistoryStore;

//! `GET|POST /api/v1/query_range?query=<selector>&start=&end=&step=` over the built-in history,
//! answering as the Prometheus HTTP API does (`resultType: matrix`), so one client reads this
//! daemon and a real Prometheus alike. POST takes the same parameters as a form body
//! (`application/x-www-form-urlencoded`), as Prometheus clients send them.
//! - `start`, `end`: unix seconds (may have a fraction) or RFC 3339 (`2026-11-23T01:00:00Z`).
//! - `step`: seconds (may have a fraction) or a Prometheus duration (`15s`, `1m30s`, `500ms`).
//! - Each step time gets the series' latest value at or before it, no older than 5 minutes.
//! - Errors: 400 with `{"status":"error","errorType":"bad_data","error":"..."}`.
//! Supported PromQL: a plain instant-vector selector only, `name`, `name{l="v",l2!="w"}`,
//! `{__name__=~"lmcache:.*",node="n1"}` with `=`, `!=`, `=~`, `!~`. NOT supported (refused with
//! an error, never answered wrong): functions (`rate()`, `increase()`, ...), range vectors
//! (`x[5m]`), `offset` and `@` modifiers, aggregation (`sum by (...)`), arithmetic and
//! comparison operators, subqueries. The history holds raw values: compute rates client-side.
class QueryRangeController final {
public:
    QueryRangeController(const HistoryStore &history, DaemonStats &stats);

    //! For callers with Permission::View.
    void registerRoutes(QHttpServer &server, const Authorizer &authorizer);

    //! The answer to one query: status and JSON body (exposed for tests).
    QPair<int, QByteArray> answer(const QUrlQuery &parameters) const;

    //! Unix seconds or RFC 3339 → ms since the epoch.
    static Outcome<qint64> parseTime(const QString &text);
    //! Seconds or a Prometheus duration → ms (must be > 0).
    static Outcome<qint64> parseDuration(const QString &text);

private:
    const HistoryStore &m_history;
    DaemonStats &m_stats;
};

} // namespace lmcf
