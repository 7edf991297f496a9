#include "models/FleetFilterModel.h"

#include "models/FleetTableModel.h"

namespace lmcf {

FleetFilterModel::FleetFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent) {
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(FleetTableModel::SortRole);
}

FleetFilterModel::~FleetFilterModel() = default;

void FleetFilterModel::setSearchText(const QString &text) {
    m_search = text.trimmed();
    invalidateFilter();
}

bool FleetFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const {
    const QString &needle = m_search;
    if (needle.isEmpty())
        return true;
    for (int column : {FleetTableModel::Name, FleetTableModel::Address, FleetTableModel::Version,
                       FleetTableModel::Health}) {
        const QModelIndex index = sourceModel()->index(sourceRow, column, sourceParent);
        if (index.data().toString().contains(needle, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool FleetFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const {
    const QVariant a = left.data(FleetTableModel::SortRole);
    const QVariant b = right.data(FleetTableModel::SortRole);
    if (a.typeId() == QMetaType::Double && b.typeId() == QMetaType::Double)
        return a.toDouble() < b.toDouble();
    return QString::localeAwareCompare(a.toString(), b.toString()) < 0;
}

} // namespace lmcf
