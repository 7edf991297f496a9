#pragma once

#include "core/Outcome.h"
#include "prometheus/Exposition.h"

namespace lmcf {

//! Parses Prometheus text format 0.0.4 and the OpenMetrics text subset into an Exposition
//! normalised to the 0.0.4 model, so ExpositionWriter can write it back unchanged:
//! - `# HELP` (escapes `\\`, `\n`, `\"`; other backslashes kept), `# TYPE`, `# UNIT`; other
//!   comments, blank lines and `\r` before `\n` are ignored; `# EOF` ends the document.
//! - Values: decimal floats, `NaN`, `Inf`, `+Inf`, `-Inf` (any case). Timestamps: integer ms
//!   (0.0.4) or float seconds (OpenMetrics, stored as ms). Exemplars are dropped.
//! - Samples without a TYPE become untyped families named after the sample.
//! - OpenMetrics mapping: counter `foo` with `foo_total` samples → counter family `foo_total`;
//!   info `foo` → gauge `foo_info`; stateset → gauge; unknown → untyped; gaugehistogram → one
//!   gauge family per sample name (`foo_bucket`, `foo_gcount`, `foo_gsum`); `_created` samples
//!   are dropped (0.0.4 has no place for them).
//! - Tolerated: samples of one family split into several groups (merged into the family, in
//!   order); HELP/TYPE before any samples; an empty label set `{}`; a trailing comma in labels.
//! Errors (`"line 12: label value not closed"`, the first one found): a second TYPE or HELP for
//! one family, TYPE or HELP after the family's samples, unknown TYPE, invalid metric or label
//! names, duplicate label names, bad escapes, unclosed quotes or braces, values or timestamps
//! that do not parse, label values longer than 64 KiB or not UTF-8, more than 256 labels, a
//! histogram bucket without `le` or summary quantile without `quantile`, text after `# EOF`.
//! Runs in time linear in the input; never throws, never reads out of bounds.
class ExpositionParser final {
public:
    enum class Format {
        Auto,        //!< OpenMetrics when the last non-empty line is `# EOF`, else 0.0.4
        Text004,     //!< `text/plain; version=0.0.4`
        OpenMetrics, //!< `application/openmetrics-text`
    };

    static Outcome<Exposition> parse(QByteArrayView text, Format format = Format::Auto);

    //! The format a `Content-Type` header announces (Auto when it says nothing known).
    static Format formatFromContentType(QByteArrayView contentType);
};

} // namespace lmcf
