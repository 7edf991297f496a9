#pragma once

#include "core/Outcome.h"
#include "history/HistoryStore.h"

#include <QByteArray>

namespace lmcf::QueryRangeJson {

//! The Prometheus HTTP API answer to `/api/v1/query_range`:
//! `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":..,..},
//! "values":[[<unix seconds>,"<value>"],..]}]}}`. Values use the shortest round-trip form;
//! NaN and infinities as Prometheus writes them.
QByteArray writeMatrix(const QList<HistorySeries> &series);

//! `{"status":"error","errorType":"bad_data","error":"..."}`.
QByteArray writeError(const QString &errorType, const QString &message);

//! Reads a query_range answer from our daemon or a real Prometheus. Fails with the server's
//! own error text on `"status":"error"`, or with what is malformed.
Outcome<QList<HistorySeries>> readMatrix(const QByteArray &json);

} // namespace lmcf::QueryRangeJson
