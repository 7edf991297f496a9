#pragma once

#include "history/BitWriter.h"

#include <cstdint>

namespace lmcf {

//! How a history block guesses each value from the ones before it; what is stored is the XOR of
//! the value's bits with the guess's, so any guess is lossless and a good one costs ~1 bit.
enum class ValuePrediction : std::uint8_t {
    Previous = 0, //!< the last value (gauges that hold still, Gorilla's choice)
    Linear = 1,   //!< last + (last - the one before), or the last if not finite (steady counters)
};

//! Streams one block of doubles into bits, Gorilla-style: the block opens with one bit naming
//! its ValuePrediction, then per value the XOR with the prediction as
//! `0` (equal) | `10` + the meaningful bits inside the previous window |
//! `11` + 6 bits leading zeros + 6 bits (length - 1) + the meaningful bits (a new window).
//! Every bit pattern survives exactly (NaN payloads, ±inf, -0.0, denormals): nothing is
//! computed on the stored value itself. Decoded by ValueBlockCodec::decode.
class ValueBlockEncoder final {
public:
    explicit ValueBlockEncoder(ValuePrediction prediction);

    void append(double value);

    int count() const { return m_count; }
    ValuePrediction prediction() const { return m_prediction; }
    const BitWriter &bits() const { return m_bits; }
    //! Starts a new, empty block with the same prediction.
    void clear();

    //! The guess for the next value after `last` and `beforeLast` (0, 0 at a block's start;
    //! after its first value v: v, v).
    static std::uint64_t predictedBits(ValuePrediction prediction, double last, double beforeLast);

private:
    ValuePrediction m_prediction;
    BitWriter m_bits;
    double m_last = 0;
    double m_beforeLast = 0;
    std::uint8_t m_leading = 0;  // the current window: leading zeros of the last XOR written
    std::uint8_t m_trailing = 0; // ... and trailing zeros (starts as all 64 bits)
    int m_count = 0;
};

} // namespace lmcf
