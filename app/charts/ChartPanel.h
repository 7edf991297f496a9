#pragma once

#include "charts/MetricCatalog.h"

#include <QPointF>
#include <QVector>
#include <QWidget>

class QChart;
class QChartView;
class QLineSeries;
class QDateTimeAxis;
class QValueAxis;

namespace lmcf {

class SeriesStore;

//! One chart of one kind (hit rate, tokens/s, ...) for the fleet or one node, read from the
//! SeriesStore: time axis, value axis with its unit, hover tooltip, PNG/CSV export.
class ChartPanel final : public QWidget {
    Q_OBJECT
public:
    ChartPanel(ChartKind kind, SeriesStore *store, QWidget *parent = nullptr);
    ~ChartPanel() override;

    //! Empty = the whole fleet.
    void setNode(const QString &node);
    void setRangeMs(qint64 ms);
    //! Re-reads the store and redraws.
    void refresh();

    ChartKind kind() const { return m_kind; }
    const QVector<QPointF> &points() const { return m_points; }
    //! `time,<title> (<unit>)` then one line per point (ISO time).
    QString csv() const;

private:
    void showPointTip(const QPointF &point, bool state);

    ChartKind m_kind;
    SeriesStore *m_store;
    QString m_node;
    qint64 m_rangeMs = 15 * 60 * 1000;
    QVector<QPointF> m_points;
    QChart *m_chart;
    QChartView *m_view;
    QLineSeries *m_series;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
};

} // namespace lmcf
