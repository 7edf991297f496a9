#pragma once

#include <QByteArray>
#include <QList>

#include <cmath>
#include <optional>

namespace lmcf {

//! One label of a sample: a name and its unescaped value (raw bytes, valid UTF-8 when parsed).
struct Label {
    QByteArray name;
    QByteArray value;

    friend bool operator==(const Label &, const Label &) = default;
};

//! One sample line: full sample name (with `_bucket`/`_sum`/`_count`/`_total` as written),
//! labels in input order, value, optional timestamp in milliseconds since the epoch.
struct Sample {
    QByteArray name;
    QList<Label> labels;
    double value = 0;
    std::optional<qint64> timestampMs;

    //! Values compare equal when both are NaN, so round trips can be checked with ==.
    friend bool operator==(const Sample &a, const Sample &b) {
        const bool sameValue = a.value == b.value || (std::isnan(a.value) && std::isnan(b.value));
        return sameValue && a.name == b.name && a.labels == b.labels &&
               a.timestampMs == b.timestampMs;
    }
};

} // namespace lmcf
