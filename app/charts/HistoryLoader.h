#pragma once

#include "charts/MetricCatalog.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>

namespace lmcf {

class FleetConnection;
struct DaemonReply;

//! Fills the SeriesStore with the past from the daemon's `query_range` (Prometheus HTTP API
//! JSON), one query per metric name of both families, so charts start full instead of empty.
class HistoryLoader final : public QObject {
    Q_OBJECT
public:
    explicit HistoryLoader(FleetConnection *connection, QObject *parent = nullptr);
    ~HistoryLoader() override;

    //! Loads the last `rangeMs` at `stepSeconds` resolution. A load in flight is abandoned.
    void load(qint64 rangeMs, int stepSeconds);
    bool isLoading() const { return m_pending > 0; }

    //! Sums a `query_range` matrix per `node` label and time: node → ms → value.
    //! Error text (empty on success) in `error`.
    static QHash<QString, QMap<qint64, double>> readMatrix(const QJsonDocument &json,
                                                           QString *error);

Q_SIGNALS:
    //! `problem` is empty when every query worked.
    void finished(const QString &problem);

private:
    void take(Quantity quantity, const DaemonReply &reply);

    FleetConnection *m_connection;
    QPointer<QObject> m_batch;
    int m_pending = 0;
    QString m_problem;
    QHash<int, QHash<QString, QMap<qint64, double>>> m_collected;
    QHash<int, int> m_pendingPerQuantity;
};

} // namespace lmcf
