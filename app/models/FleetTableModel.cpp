#include "models/FleetTableModel.h"

#include "models/NodeStateStyle.h"

#include <QFont>
#include <QLocale>

namespace lmcf {

namespace {

QString percent(std::optional<double> ratio) {
    return ratio ? QStringLiteral("%1 %").arg(*ratio * 100.0, 0, 'f', 1) : QStringLiteral("–");
}

QString perSecond(std::optional<double> value) {
    if (!value)
        return QStringLiteral("–");
    return QString::number(*value, 'f', *value >= 100 ? 0 : 1);
}

QString bytes(double value) {
    return QLocale().formattedDataSize(qint64(value), 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

FleetTableModel::FleetTableModel(QObject *parent)
    : QAbstractTableModel(parent) {}

FleetTableModel::~FleetTableModel() = default;

void FleetTableModel::setNodes(const QList<FleetNode> &nodes) {
    bool sameNames = nodes.size() == m_nodes.size();
    for (qsizetype i = 0; sameNames && i < nodes.size(); ++i)
        sameNames = nodes[i].name == m_nodes[i].name;
    if (!sameNames) {
        beginResetModel();
        m_nodes = nodes;
        updateCommonVersion();
        endResetModel();
        return;
    }
    if (nodes == m_nodes)
        return;
    m_nodes = nodes;
    updateCommonVersion();
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void FleetTableModel::setStats(const QHash<QString, NodeStats> &stats) {
    m_stats = stats;
    if (!m_nodes.isEmpty())
        Q_EMIT dataChanged(index(0, HitRate), index(rowCount() - 1, Requests));
}

int FleetTableModel::rowOfName(const QString &name) const {
    for (int i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i].name == name)
            return i;
    }
    return -1;
}

void FleetTableModel::updateCommonVersion() {
    QHash<QString, int> counts;
    for (const FleetNode &node : m_nodes) {
        if (!node.version.isEmpty())
            ++counts[node.version];
    }
    m_commonVersion.clear();
    int best = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > best || (it.value() == best && it.key() > m_commonVersion)) {
            best = it.value();
            m_commonVersion = it.key();
        }
    }
}

bool FleetTableModel::drifts(const FleetNode &node) const {
    return !node.version.isEmpty() && !m_commonVersion.isEmpty() && node.version != m_commonVersion;
}

int FleetTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_nodes.size());
}

int FleetTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FleetTableModel::display(const FleetNode &node, const NodeStats &stats, int column) const {
    switch (column) {
    case Name:
        return node.name;
    case Address:
        return node.address();
    case Version:
        return node.version.isEmpty() ? QStringLiteral("–") : node.version;
    case Health:
        return NodeStateStyle::label(node.state);
    case LastHeartbeat:
        return node.lastHeartbeat.isEmpty() ? QStringLiteral("–") : node.lastHeartbeat;
    case HitRate:
        return percent(stats.hitRate);
    case L1Usage:
        if (const auto ratio = stats.l1Ratio())
            return QStringLiteral("%1 (%2 of %3)")
                .arg(percent(ratio), bytes(*stats.l1UsedBytes), bytes(*stats.l1TotalBytes));
        return stats.l1UsedBytes ? bytes(*stats.l1UsedBytes) : QStringLiteral("–");
    case Evictions:
        return perSecond(stats.evictionsPerSecond);
    case Requests:
        return perSecond(stats.requestsPerSecond);
    default:
        return {};
    }
}

QVariant FleetTableModel::sortValue(const FleetNode &node, const NodeStats &stats,
                                    int column) const {
    const auto number = [](std::optional<double> v) { return v ? *v : -1.0; };
    switch (column) {
    case HitRate:
        return number(stats.hitRate);
    case L1Usage:
        return stats.l1Ratio() ? *stats.l1Ratio() : number(stats.l1UsedBytes) / 1e15;
    case Evictions:
        return number(stats.evictionsPerSecond);
    case Requests:
        return number(stats.requestsPerSecond);
    default:
        return display(node, stats, column);
    }
}

QVariant FleetTableModel::foreground(const FleetNode &node, const NodeStats &stats,
                                     int column) const {
    if (column == Version && drifts(node))
        return QColor(0xd0, 0x30, 0x30);
    if (column == Health)
        return NodeStateStyle::colour(node.state);
    if (column == HitRate && stats.hitRate && *stats.hitRate >= 0.8)
        return QColor(0x2e, 0xa0, 0x43);
    return {};
}

QVariant FleetTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const FleetNode &node = m_nodes[index.row()];
    const NodeStats stats = m_stats.value(node.name);
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(node, stats, column);
    case SortRole:
        return sortValue(node, stats, column);
    case Qt::ForegroundRole:
        return foreground(node, stats, column);
    case Qt::FontRole:
        if (column == Version && drifts(node)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::DecorationRole:
        return column == Health ? QVariant(NodeStateStyle::icon(node.state)) : QVariant();
    case Qt::ToolTipRole:
        if (column == Version && drifts(node))
            return QStringLiteral("Version drift: most nodes run %1").arg(m_commonVersion);
        return display(node, stats, column);
    case Qt::TextAlignmentRole:
        return column >= HitRate ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case L1RatioRole:
        return stats.l1Ratio() ? QVariant(*stats.l1Ratio()) : QVariant();
    case NodeNameRole:
        return node.name;
    case VersionDriftRole:
        return drifts(node);
    default:
        return {};
    }
}

QVariant FleetTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const titles[] = {"Name",     "Address",        "Version",
                                         "Health",   "Last heartbeat", "Hit rate",
                                         "L1 usage", "Evictions/s",    "Requests/s"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(titles[section]) : QString();
}

} // namespace lmcf
