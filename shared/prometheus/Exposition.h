#pragma once

#include "prometheus/MetricFamily.h"

namespace lmcf {

//! One scrape's worth of metrics: families in input order, each name at most once.
struct Exposition {
    QList<MetricFamily> families;

    //! Number of samples over all families.
    qsizetype sampleCount() const;

    friend bool operator==(const Exposition &, const Exposition &) = default;
};

} // namespace lmcf
