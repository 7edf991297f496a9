#include "fleet/MetricSample.h"

#include <QStringList>

namespace lmcf {

QString MetricSample::label(const QString &key) const {
    for (const auto &pair : labels) {
        if (pair.first == key)
            return pair.second;
    }
    return {};
}

QString MetricSample::labelText(bool skipNode) const {
    QStringList parts;
    for (const auto &pair : labels) {
        if (skipNode && pair.first == QLatin1String("node"))
            continue;
        parts << pair.first + QStringLiteral("=\"") + pair.second + u'"';
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace lmcf
