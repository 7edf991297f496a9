#include "models/AlertModel.h"

#include <QColor>

namespace lmcf {

AlertModel::AlertModel(QObject *parent, int capacity)
    : QAbstractTableModel(parent)
    , m_capacity(qMax(1, capacity)) {}

AlertModel::~AlertModel() = default;

void AlertModel::add(const AlertEvent &event) {
    beginInsertRows({}, 0, 0);
    m_events.prepend(event);
    endInsertRows();
    if (m_events.size() > m_capacity) {
        const int first = m_capacity;
        beginRemoveRows({}, first, int(m_events.size()) - 1);
        m_events.resize(m_capacity);
        endRemoveRows();
    }
}

void AlertModel::clear() {
    beginResetModel();
    m_events.clear();
    endResetModel();
}

int AlertModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_events.size());
}

int AlertModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const AlertEvent &event = m_events[index.row()];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Time:
            return event.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Node:
            return event.node;
        case Rule:
            return event.cleared ? event.rule + QStringLiteral(" (cleared)") : event.rule;
        case Message:
            return event.message;
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Rule)
        return event.cleared ? QColor(0x2e, 0xa0, 0x43) : QColor(0xd0, 0x30, 0x30);
    return {};
}

QVariant AlertModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const titles[] = {"Time", "Node", "Alert", "Details"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(titles[section]) : QString();
}

} // namespace lmcf
