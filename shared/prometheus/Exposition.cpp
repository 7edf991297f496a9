#include "prometheus/Exposition.h"

namespace lmcf {

QByteArrayView metricTypeName(MetricType type) {
    switch (type) {
    case MetricType::Counter:
        return "counter";
    case MetricType::Gauge:
        return "gauge";
    case MetricType::Histogram:
        return "histogram";
    case MetricType::Summary:
        return "summary";
    case MetricType::Untyped:
        break;
    }
    return "untyped";
}

qsizetype Exposition::sampleCount() const {
    qsizetype count = 0;
    for (const MetricFamily &family : families)
        count += family.samples.size();
    return count;
}

} // namespace lmcf
