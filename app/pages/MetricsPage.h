#pragma once

#include "charts/SeriesStore.h"
#include "pages/NodePage.h"

#include <QTimer>

class QChart;
class QChartView;
class QLabel;
class QLineEdit;
class QLineSeries;
class QDateTimeAxis;
class QSortFilterProxyModel;
class QTableView;
class QValueAxis;

namespace lmcf {

class MetricsTableModel;

//! The node's `/metrics` as a searchable table (name, labels, value, type) and a live chart of
//! the selected series (counters as per-second rates). Refreshes every 5 s while shown.
class MetricsPage final : public NodePage {
    Q_OBJECT
public:
    explicit MetricsPage(FleetConnection *connection, QWidget *parent = nullptr);
    ~MetricsPage() override;

    MetricsTableModel *model() const { return m_model; }
    //! Parses exposition text into the table and the selected series' chart.
    void showText(const QByteArray &text);
    //! Selects the first row whose series key contains `needle` (screenshots, tests).
    void selectSeries(const QString &needle);

protected:
    void load() override;
    void clear() override;

private:
    void onSelectionChanged();
    void recordSelected();
    void redrawChart();
    //! Fills the selected series' past from the daemon's query_range (when it has one).
    void loadHistory(const MetricSample &sample);

    MetricsTableModel *m_model;
    QSortFilterProxyModel *m_filter;
    QLineEdit *m_search;
    QTableView *m_table;
    QLabel *m_count;
    QChart *m_chart;
    QChartView *m_chartView;
    QLineSeries *m_series;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    QString m_selectedKey;
    bool m_selectedIsCounter = false;
    QVector<TimedValue> m_history;
    QTimer m_autoRefresh;
};

} // namespace lmcf
