#pragma once

#include "models/FleetNode.h"
#include "models/NodeStats.h"

#include <QAbstractTableModel>
#include <QHash>

namespace lmcf {

//! Every node of the fleet as one row: name, address, version (drift from the most common
//! version flagged), health, last heartbeat, hit rate, L1 usage, evictions/s, requests/s.
//! SortRole gives a value that sorts numerically; L1RatioRole the 0..1 usage for the bar.
class FleetTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Name,
        Address,
        Version,
        Health,
        LastHeartbeat,
        HitRate,
        L1Usage,
        Evictions,
        Requests,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, L1RatioRole, NodeNameRole, VersionDriftRole };

    explicit FleetTableModel(QObject *parent = nullptr);
    ~FleetTableModel() override;

    void setNodes(const QList<FleetNode> &nodes);
    void setStats(const QHash<QString, NodeStats> &stats);
    const QList<FleetNode> &nodes() const { return m_nodes; }
    //! The version most nodes run (ties: the greatest string); empty without nodes.
    QString commonVersion() const { return m_commonVersion; }
    int rowOfName(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant display(const FleetNode &node, const NodeStats &stats, int column) const;
    QVariant sortValue(const FleetNode &node, const NodeStats &stats, int column) const;
    QVariant foreground(const FleetNode &node, const NodeStats &stats, int column) const;
    bool drifts(const FleetNode &node) const;
    void updateCommonVersion();

    QList<FleetNode> m_nodes;
    QHash<QString, NodeStats> m_stats;
    QString m_commonVersion;
};

} // namespace lmcf
