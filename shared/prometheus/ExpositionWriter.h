#pragma once

#include "prometheus/Exposition.h"
#include "prometheus/TextOutput.h"

namespace lmcf {

//! Writes Prometheus text format 0.0.4 (`text/plain; version=0.0.4; charset=utf-8`).
//! Every family gets `# HELP` (when non-empty), `# UNIT` (when non-empty; a comment Prometheus
//! ignores) and `# TYPE`, then its samples. Values use the shortest text that reads back to the
//! same double (`42`, not `4.2e+01`; integers up to 2^53 never use an exponent), `NaN`, `+Inf`,
//! `-Inf`. Names are written as given: the caller (normally ExpositionParser) vouches for them.
//! ExpositionParser::parse(write(x)) == x for every x the parser produced.
class ExpositionWriter final {
public:
    static QByteArray write(const Exposition &exposition);

    //! The HELP/UNIT/TYPE lines of `family`, with `type` instead of its own when given.
    static void appendHeader(TextOutput &out, const MetricFamily &family, MetricType type);
    //! One sample line.
    static void appendSample(TextOutput &out, const Sample &sample);
    //! `value` with `\`, `"` and newline escaped (label value rules).
    static void appendLabelValue(TextOutput &out, QByteArrayView value);
    //! A sample value or `le`-style float in its shortest round-trip form.
    static void appendValue(TextOutput &out, double value);
    //! ` <value>[ <timestamp>]\n`: what ends every sample line.
    static void appendValueAndTimestamp(TextOutput &out, const Sample &sample);
};

} // namespace lmcf
