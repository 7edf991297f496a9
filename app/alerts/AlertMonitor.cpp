#include "alerts/AlertMonitor.h"

namespace lmcf {

AlertMonitor::AlertMonitor(AlertModel *history, QObject *parent)
    : QObject(parent)
    , m_history(history) {}

AlertMonitor::~AlertMonitor() = default;

void AlertMonitor::setThresholds(const AlertThresholds &thresholds) {
    m_thresholds = thresholds;
}

void AlertMonitor::evaluate(const QList<FleetNode> &nodes, const QHash<QString, NodeStats> &stats,
                            const QDateTime &now) {
    QSet<QString> present;
    for (const FleetNode &node : nodes) {
        present.insert(node.name);
        const NodeStats s = stats.value(node.name);
        check(node.name, QStringLiteral("node down"),
              m_thresholds.nodeDown && node.state == QLatin1String("down"),
              QStringLiteral("%1 is down (%2)").arg(node.name, node.address()), now);
        const bool lowHit = s.hitRate && *s.hitRate < m_thresholds.hitRateBelow;
        check(node.name, QStringLiteral("hit rate low"), lowHit,
              QStringLiteral("hit rate %1 % is below %2 %")
                  .arg(s.hitRate.value_or(0) * 100, 0, 'f', 1)
                  .arg(m_thresholds.hitRateBelow * 100, 0, 'f', 0),
              now);
        const auto l1 = s.l1Ratio();
        check(node.name, QStringLiteral("L1 full"), l1 && *l1 > m_thresholds.l1UsageAbove,
              QStringLiteral("L1 usage %1 % is above %2 %")
                  .arg(l1.value_or(0) * 100, 0, 'f', 1)
                  .arg(m_thresholds.l1UsageAbove * 100, 0, 'f', 0),
              now);
    }
    // Nodes that left the fleet take their alerts with them, silently.
    for (auto it = m_active.begin(); it != m_active.end();) {
        if (present.contains(it->section(u'|', 0, 0)))
            ++it;
        else
            it = m_active.erase(it);
    }
}

void AlertMonitor::check(const QString &node, const QString &rule, bool holds,
                         const QString &message, const QDateTime &now) {
    const QString key = node + u'|' + rule;
    const bool wasActive = m_active.contains(key);
    if (holds == wasActive)
        return;
    AlertEvent event{now, node, rule, holds ? message : QStringLiteral("back to normal"), !holds};
    if (holds)
        m_active.insert(key);
    else
        m_active.remove(key);
    m_history->add(event);
    if (holds)
        Q_EMIT fired(event);
}

} // namespace lmcf
