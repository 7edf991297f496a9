#pragma once

#include "fleet/MetricSample.h"

#include <QAbstractTableModel>

namespace lmcf {

//! One node's metrics as a table: name, labels, value, type. A refresh with the same series
//! only updates values (selection and scroll position survive).
class MetricsTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Labels, Value, Type, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, SeriesKeyRole };

    explicit MetricsTableModel(QObject *parent = nullptr);
    ~MetricsTableModel() override;

    void setSamples(const QList<MetricSample> &samples);
    const QList<MetricSample> &samples() const { return m_samples; }
    //! `name{labels}`: identifies a series across refreshes.
    static QString seriesKey(const MetricSample &sample);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<MetricSample> m_samples;
};

} // namespace lmcf
