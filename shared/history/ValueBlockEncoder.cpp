#include "history/ValueBlockEncoder.h"

#include <bit>
#include <cmath>

namespace lmcf {

ValueBlockEncoder::ValueBlockEncoder(ValuePrediction prediction)
    : m_prediction(prediction) {
    clear();
}

void ValueBlockEncoder::clear() {
    m_bits = BitWriter();
    m_bits.writeBit(m_prediction == ValuePrediction::Linear);
    m_last = 0;
    m_beforeLast = 0;
    m_leading = 0;
    m_trailing = 0;
    m_count = 0;
}

std::uint64_t ValueBlockEncoder::predictedBits(ValuePrediction prediction, double last,
                                               double beforeLast) {
    if (prediction == ValuePrediction::Linear) {
        const double guess = last + (last - beforeLast);
        if (std::isfinite(guess))
            return std::bit_cast<std::uint64_t>(guess);
    }
    return std::bit_cast<std::uint64_t>(last);
}

void ValueBlockEncoder::append(double value) {
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(value);
    const std::uint64_t xorred = bits ^ predictedBits(m_prediction, m_last, m_beforeLast);
    // After a block's first value, Linear guesses that value again (a zero slope, not 2×).
    m_beforeLast = m_count == 0 ? value : m_last;
    m_last = value;
    ++m_count;
    if (xorred == 0) {
        m_bits.writeBit(false);
        return;
    }
    const int leading = std::countl_zero(xorred);
    const int trailing = std::countr_zero(xorred);
    const int length = 64 - leading - trailing;
    const int windowLength = 64 - m_leading - m_trailing;
    // Reuse the window when it holds the XOR and costs no more than opening a new one.
    if (leading >= m_leading && trailing >= m_trailing && windowLength <= length + 12) {
        m_bits.write(0b10, 2);
        m_bits.write(xorred >> m_trailing, windowLength);
        return;
    }
    m_bits.write(0b11, 2);
    m_bits.write(std::uint64_t(leading), 6);
    m_bits.write(std::uint64_t(length - 1), 6);
    m_bits.write(xorred >> trailing, length);
    m_leading = std::uint8_t(leading);
    m_trailing = std::uint8_t(trailing);
}

} // namespace lmcf
