#pragma once

#include "prometheus/Sample.h"

namespace lmcf {

//! The family types of text format 0.0.4. OpenMetrics-only types are mapped onto these by the
//! parser (see ExpositionParser).
enum class MetricType { Counter, Gauge, Histogram, Summary, Untyped };

//! One family: its name as written after `# TYPE` in text 0.0.4 (so a counter is named
//! `foo_total` when its samples are `foo_total`), type, unescaped HELP, UNIT (kept, written as a
//! comment Prometheus ignores) and its samples, all of which belong to this family.
struct MetricFamily {
    QByteArray name;
    MetricType type = MetricType::Untyped;
    QByteArray help;
    QByteArray unit;
    QList<Sample> samples;

    friend bool operator==(const MetricFamily &, const MetricFamily &) = default;
};

//! `counter`, `gauge`, `histogram`, `summary` or `untyped`.
QByteArrayView metricTypeName(MetricType type);

} // namespace lmcf
