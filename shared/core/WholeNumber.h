#pragma once

#include <QtGlobal>

#include <cmath>
#include <optional>

namespace lmcf {

//! The whole part of a double as qint64, or nullopt when it is NaN, infinite or outside qint64's
//! range. Casting such a double directly is undefined behaviour, and JSON numbers from nodes,
//! config files and Prometheus can be anything.
inline std::optional<qint64> wholeNumber(double value) {
    constexpr double limit = 9223372036854775808.0; // 2^63, exactly representable
    if (!(value >= -limit && value < limit))
        return std::nullopt;
    return qint64(std::trunc(value));
}

//! wholeNumber(), with a fallback for values it refuses.
inline qint64 wholeNumberOr(double value, qint64 fallback) {
    return wholeNumber(value).value_or(fallback);
}

} // namespace lmcf
