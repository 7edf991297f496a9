#pragma once

#include "fleet/MetricSample.h"

#include <QByteArray>

namespace lmcf {

//! Reads Prometheus exposition text into samples with their family's type, through
//! shared/prometheus's ExpositionParser. When that refuses the document, a lenient reader
//! takes over: a line that does not parse is skipped and counted, so one odd line never
//! hides a page.
class MetricText final {
public:
    struct Parsed {
        QList<MetricSample> samples;
        int skippedLines = 0;
    };
    static Parsed parse(const QByteArray &text);
    //! The lenient reader alone.
    static Parsed parseLeniently(const QByteArray &text);
};

} // namespace lmcf
