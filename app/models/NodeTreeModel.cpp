#include "models/NodeTreeModel.h"

#include "models/NodeStateStyle.h"

namespace lmcf {

// internalId 0 marks a proxy row; proxy p's children carry internalId p + 1.

NodeTreeModel::NodeTreeModel(QObject *parent)
    : QAbstractItemModel(parent) {}

NodeTreeModel::~NodeTreeModel() = default;

bool NodeTreeModel::sameShape(const FleetNodeList &a, const FleetNodeList &b) {
    if (a.proxies.size() != b.proxies.size())
        return false;
    for (qsizetype p = 0; p < a.proxies.size(); ++p) {
        const FleetNode &x = a.proxies[p];
        const FleetNode &y = b.proxies[p];
        if (x.name != y.name || x.children.size() != y.children.size())
            return false;
        for (qsizetype c = 0; c < x.children.size(); ++c) {
            if (x.children[c].name != y.children[c].name)
                return false;
        }
    }
    return true;
}

void NodeTreeModel::setNodes(const FleetNodeList &list) {
    if (!sameShape(m_list, list)) {
        beginResetModel();
        m_list = list;
        endResetModel();
        return;
    }
    if (m_list == list)
        return;
    m_list = list;
    for (int p = 0; p < m_list.proxies.size(); ++p) {
        Q_EMIT dataChanged(index(p, 0), index(p, 1));
        const QModelIndex parent = index(p, 0);
        const int children = int(m_list.proxies[p].children.size());
        if (children > 0)
            Q_EMIT dataChanged(index(0, 0, parent), index(children - 1, 1, parent));
    }
}

QModelIndex NodeTreeModel::indexOfName(const QString &name) const {
    for (int p = 0; p < m_list.proxies.size(); ++p) {
        if (m_list.proxies[p].name == name)
            return index(p, 0);
    }
    for (int p = 0; p < m_list.proxies.size(); ++p) {
        const auto &children = m_list.proxies[p].children;
        for (int c = 0; c < children.size(); ++c) {
            if (children[c].name == name)
                return index(c, 0, index(p, 0));
        }
    }
    return {};
}

QModelIndex NodeTreeModel::index(int row, int column, const QModelIndex &parent) const {
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex NodeTreeModel::parent(const QModelIndex &child) const {
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int NodeTreeModel::rowCount(const QModelIndex &parent) const {
    if (!parent.isValid())
        return int(m_list.proxies.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_list.proxies.value(parent.row()).children.size());
}

int NodeTreeModel::columnCount(const QModelIndex &) const {
    return 2;
}

const FleetNode *NodeTreeModel::nodeAt(const QModelIndex &index) const {
    if (!index.isValid())
        return nullptr;
    if (index.internalId() == 0)
        return &m_list.proxies[index.row()];
    return &m_list.proxies[qsizetype(index.internalId() - 1)].children[index.row()];
}

QVariant NodeTreeModel::data(const QModelIndex &index, int role) const {
    const FleetNode *node = nodeAt(index);
    if (!node)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == 0 ? node->name : NodeStateStyle::label(node->state);
    case Qt::DecorationRole:
        return index.column() == 0 ? QVariant(NodeStateStyle::icon(node->state)) : QVariant();
    case Qt::ToolTipRole:
        return QStringLiteral("%1 — %2 — %3")
            .arg(node->name, node->address(), NodeStateStyle::label(node->state));
    case NodeNameRole:
        return node->name;
    case IsProxyRole:
        return node->isProxy;
    case StateRole:
        return node->state;
    case OpensPagesRole:
        return !node->isProxy || node->children.isEmpty();
    default:
        return {};
    }
}

QVariant NodeTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? QStringLiteral("Node") : QStringLiteral("State");
}

} // namespace lmcf
