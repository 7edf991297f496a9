#pragma once

#include "prometheus/Sample.h"

#include <QString>

namespace lmcf {

//! Reads one sample line of the text format (`name{l="v",...} value [timestamp] [# exemplar]`).
//! Internal to ExpositionParser; kept apart so the tokenizer can be read (and fuzzed) alone.
class SampleLineReader final {
public:
    //! Longest label value accepted (as written, escapes included); longer ones are an error, so
    //! one hostile node cannot make the daemon hold or re-send megabytes per sample.
    static constexpr qsizetype MaxLabelValueBytes = 64 * 1024;
    //! Most labels accepted on one sample (keeps the duplicate-name check cheap).
    static constexpr qsizetype MaxLabels = 256;

    //! Fills `out` from `line` (no line terminator). `previous` (may be null) is the sample read
    //! just before: an equal name shares its bytes instead of allocating.
    //! OpenMetrics timestamps are float seconds, text 0.0.4 ones integer milliseconds.
    //! Returns a null QString on success, otherwise what is wrong (without the line number).
    //! `bounds`, when given, receives the escaped `le` and `quantile` values (views into `line`,
    //! null when absent) so histogram/summary checks need no second pass.
    struct Bounds {
        QByteArrayView le;
        QByteArrayView quantile;
    };
    static QString read(QByteArrayView line, bool openMetrics, const Sample *previous, Sample &out,
                        Bounds *bounds = nullptr);

    //! Parses a sample value: a decimal float, `NaN`, `Inf`, `+Inf`, `-Inf` (any case).
    static bool parseValue(QByteArrayView text, double &value);

    //! True for `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static bool isMetricName(QByteArrayView name);
    //! True for `[a-zA-Z_][a-zA-Z0-9_]*`.
    static bool isLabelName(QByteArrayView name);
    //! True when `text` is well-formed UTF-8.
    static bool isUtf8(QByteArrayView text);
};

} // namespace lmcf
