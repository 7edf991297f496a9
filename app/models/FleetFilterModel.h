#pragma once

#include <QSortFilterProxyModel>

namespace lmcf {

//! Sorts the fleet table numerically (FleetTableModel::SortRole) and filters rows by a
//! case-insensitive substring of name, address, version or health.
class FleetFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit FleetFilterModel(QObject *parent = nullptr);
    ~FleetFilterModel() override;

    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_search;
};

} // namespace lmcf
