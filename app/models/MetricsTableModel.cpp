#include "models/MetricsTableModel.h"

namespace lmcf {

namespace {

QString valueText(double value) {
    if (qIsNaN(value))
        return QStringLiteral("NaN");
    if (qIsInf(value))
        return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    if (value == double(qint64(value)) && qAbs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', 8);
}

} // namespace

MetricsTableModel::MetricsTableModel(QObject *parent)
    : QAbstractTableModel(parent) {}

MetricsTableModel::~MetricsTableModel() = default;

QString MetricsTableModel::seriesKey(const MetricSample &sample) {
    return sample.name + u'{' + sample.labelText() + u'}';
}

void MetricsTableModel::setSamples(const QList<MetricSample> &samples) {
    bool same = samples.size() == m_samples.size();
    for (qsizetype i = 0; same && i < samples.size(); ++i)
        same = samples[i].name == m_samples[i].name && samples[i].labels == m_samples[i].labels;
    if (!same) {
        beginResetModel();
        m_samples = samples;
        endResetModel();
        return;
    }
    m_samples = samples;
    if (!m_samples.isEmpty())
        Q_EMIT dataChanged(index(0, Value), index(rowCount() - 1, Value));
}

int MetricsTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_samples.size());
}

int MetricsTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MetricsTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const MetricSample &sample = m_samples[index.row()];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Name:
            return sample.name;
        case Labels:
            return sample.labelText();
        case Value:
            return valueText(sample.value);
        case Type:
            return sample.type;
        default:
            return {};
        }
    }
    if (role == SortRole)
        return index.column() == Value ? QVariant(sample.value) : data(index, Qt::DisplayRole);
    if (role == SeriesKeyRole)
        return seriesKey(sample);
    if (role == Qt::TextAlignmentRole && index.column() == Value)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant MetricsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return QStringLiteral("Name");
    case Labels:
        return QStringLiteral("Labels");
    case Value:
        return QStringLiteral("Value");
    case Type:
        return QStringLiteral("Type");
    default:
        return {};
    }
}

} // namespace lmcf
