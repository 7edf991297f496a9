#pragma once

#include "fleet/MetricSample.h"

#include <QByteArray>

namespace lmcf {

//! Reads Prometheus exposition text into samples with their family's type. Lenient: a line
//! that does not parse is skipped and counted, so one odd line never hides a page.
class MetricText final {
public:
    struct Parsed {
        QList<MetricSample> samples;
        int skippedLines = 0;
    };
    static Parsed parse(const QByteArray &text);
};

} // namespace lmcf
