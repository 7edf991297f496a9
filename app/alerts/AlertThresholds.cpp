#include "alerts/AlertThresholds.h"

#include <QSettings>

namespace lmcf {

AlertThresholds AlertThresholds::load(QSettings &settings) {
    AlertThresholds t;
    t.nodeDown = settings.value(QStringLiteral("alerts/nodeDown"), t.nodeDown).toBool();
    t.hitRateBelow = qBound(
        0.0, settings.value(QStringLiteral("alerts/hitRateBelow"), t.hitRateBelow).toDouble(), 1.0);
    t.l1UsageAbove = qBound(
        0.0, settings.value(QStringLiteral("alerts/l1UsageAbove"), t.l1UsageAbove).toDouble(), 1.0);
    return t;
}

void AlertThresholds::save(QSettings &settings) const {
    settings.setValue(QStringLiteral("alerts/nodeDown"), nodeDown);
    settings.setValue(QStringLiteral("alerts/hitRateBelow"), hitRateBelow);
    settings.setValue(QStringLiteral("alerts/l1UsageAbove"), l1UsageAbove);
}

} // namespace lmcf
