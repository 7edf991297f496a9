#pragma once

#include <QAbstractTableModel>
#include <QDateTime>

namespace lmcf {

//! One alert that fired (or cleared).
struct AlertEvent {
    QDateTime time;
    QString node;
    QString rule; //!< "node down", "hit rate low", "L1 full"
    QString message;
    bool cleared = false;
};

//! The alert history, newest first, capped at `capacity` entries.
class AlertModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Node, Rule, Message, ColumnCount };

    explicit AlertModel(QObject *parent = nullptr, int capacity = 1000);
    ~AlertModel() override;

    void add(const AlertEvent &event);
    void clear();
    const QList<AlertEvent> &events() const { return m_events; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<AlertEvent> m_events;
    int m_capacity;
};

} // namespace lmcf
