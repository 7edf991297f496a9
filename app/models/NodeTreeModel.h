#pragma once

#include "models/FleetNode.h"

#include <QAbstractItemModel>

namespace lmcf {

//! The fleet as a tree: proxies, then their leaves, with each node's health state.
//! Column 0: name (+ state icon), column 1: state. Updating with the same structure only
//! emits dataChanged, so views keep selection and expansion.
class NodeTreeModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role { NodeNameRole = Qt::UserRole + 1, IsProxyRole, StateRole, OpensPagesRole };

    explicit NodeTreeModel(QObject *parent = nullptr);
    ~NodeTreeModel() override;

    void setNodes(const FleetNodeList &list);
    const FleetNodeList &nodes() const { return m_list; }
    //! The index (column 0) of the node called `name`, proxies first; invalid if unknown.
    QModelIndex indexOfName(const QString &name) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    const FleetNode *nodeAt(const QModelIndex &index) const;
    static bool sameShape(const FleetNodeList &a, const FleetNodeList &b);

    FleetNodeList m_list;
};

} // namespace lmcf
