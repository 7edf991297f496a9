#pragma once

#include "charts/MetricCatalog.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace lmcf {

class DaemonClient;
class FleetConnection;
struct DaemonReply;

//! Fills the SeriesStore with the past from `query_range` (Prometheus HTTP API JSON), one query
//! per metric name of both families, so charts start full instead of empty. The source is the
//! daemon's built-in history or a Prometheus (setSource()); either way raw values come back
//! (counters as counters) and the store derives rates, exactly as it does for live scrapes.
class HistoryLoader final : public QObject {
    Q_OBJECT
public:
    explicit HistoryLoader(FleetConnection *connection, QObject *parent = nullptr);
    ~HistoryLoader() override;

    //! Loads from the Prometheus at `prometheus` (bearer `token` when not empty) from now on;
    //! an empty URL goes back to the daemon's history.
    void setSource(const QUrl &prometheus, const QString &token = {});
    bool usesPrometheus() const { return m_prometheusUrl.isValid(); }
    //! "the daemon" or "Prometheus at host:port", for the charts' note.
    QString sourceName() const;
    //! What is asked for one metric name. The daemon takes bare metric names only (it refuses
    //! PromQL functions). A Prometheus gets the series that carry `node`, with the labels its
    //! jobs add dropped, so a node scraped twice (directly and through the daemon's aggregated
    //! /metrics) is not counted twice: `max without (instance, job, ...) (name{node!=""})`.
    static QString queryFor(const QString &metricName, bool prometheus);

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
    DaemonClient *m_prometheus;
    QUrl m_prometheusUrl;
    QPointer<QObject> m_batch;
    int m_pending = 0;
    QString m_problem;
    QHash<int, QHash<QString, QMap<qint64, double>>> m_collected;
    QHash<int, int> m_pendingPerQuantity;
};

} // namespace lmcf
