#pragma once

#include "charts/MetricCatalog.h"
#include "fleet/MetricSample.h"

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QVector>

#include <array>
#include <optional>

namespace lmcf {

//! One raw value of a quantity at a time (ms since the epoch).
struct TimedValue {
    qint64 ms = 0;
    double value = 0;
};

//! Time series of the chart quantities per node, filled from `query_range` history and then
//! from live scrapes of the daemon's aggregated `/metrics`. Charts and the fleet table read
//! derived series (rates, hit rate) from here, never from the network. Keeps `retentionMs`.
//! Points older than 5 minutes are thinned to the spacing the charts can show.
class SeriesStore final : public QObject {
    Q_OBJECT
public:
    explicit SeriesStore(QObject *parent = nullptr);
    ~SeriesStore() override;

    void setRetentionMs(qint64 ms) { m_retentionMs = ms; }

    //! One scrape of the aggregated `/metrics` at `ms`: samples are grouped by their `node`
    //! label and summed per quantity (several workers of one node add up).
    void addScrape(qint64 ms, const QList<MetricSample> &samples);
    //! History for one node and quantity (already summed per time). Points before the first
    //! stored one are put in front; the rest is ignored (live data wins).
    void addHistory(const QString &node, Quantity quantity, QVector<TimedValue> points);
    //! Forgets nodes that are no longer in the fleet.
    void retainNodes(const QStringList &nodes);

    QStringList nodes() const { return m_nodes.keys(); }
    const QVector<TimedValue> &raw(const QString &node, Quantity quantity) const;

    //! Chart points (x = ms since epoch, y in the kind's unit) from `fromMs` on, averaged into
    //! buckets of `stepMs`. Empty node = the whole fleet (rates and bytes summed, hit rate
    //! from summed rates).
    QVector<QPointF> series(ChartKind kind, const QString &node, qint64 fromMs,
                            qint64 stepMs) const;

    //! The latest value of a chart kind for one node over the last `windowMs` (rates use the
    //! first and last sample in the window). nullopt when there is not enough data.
    std::optional<double> latest(ChartKind kind, const QString &node, qint64 windowMs) const;

Q_SIGNALS:
    void changed();

private:
    using PerQuantity = std::array<QVector<TimedValue>, 7>;
    QMap<qint64, double> buckets(Quantity quantity, const QString &node, qint64 fromMs,
                                 qint64 stepMs) const;
    std::optional<double> latestRaw(Quantity quantity, const QString &node, qint64 windowMs) const;

    QHash<QString, PerQuantity> m_nodes;
    qint64 m_retentionMs = 65LL * 60 * 1000;
    int m_scrapesSinceThinning = 0;
};

} // namespace lmcf
