#pragma once

#include "alerts/AlertThresholds.h"
#include "models/AlertModel.h"
#include "models/FleetNode.h"
#include "models/NodeStats.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace lmcf {

//! Watches the node list and live figures against the thresholds. An alert fires once when
//! its condition starts and clears once when it ends (no repeats while it holds); both go to
//! the AlertModel history and out as signals (tray notification).
class AlertMonitor final : public QObject {
    Q_OBJECT
public:
    explicit AlertMonitor(AlertModel *history, QObject *parent = nullptr);
    ~AlertMonitor() override;

    void setThresholds(const AlertThresholds &thresholds);
    const AlertThresholds &thresholds() const { return m_thresholds; }
    //! Checks every node; `now` stamps the events.
    void evaluate(const QList<FleetNode> &nodes, const QHash<QString, NodeStats> &stats,
                  const QDateTime &now);
    //! Active alerts as "node|rule" keys.
    const QSet<QString> &active() const { return m_active; }

Q_SIGNALS:
    void fired(const lmcf::AlertEvent &event);

private:
    void check(const QString &node, const QString &rule, bool holds, const QString &message,
               const QDateTime &now);

    AlertModel *m_history;
    AlertThresholds m_thresholds;
    QSet<QString> m_active;
};

} // namespace lmcf
