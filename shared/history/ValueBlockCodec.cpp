#include "history/ValueBlockCodec.h"

#include "history/BitReader.h"
#include "history/ValueBlockEncoder.h"

#include <algorithm>
#include <bit>
#include <limits>

namespace lmcf {

namespace {

//! The next XOR of the stream, updating the window; false on a short or impossible stream.
bool readXor(BitReader &reader, int &leading, int &trailing, std::uint64_t &xorred) {
    bool changed = false;
    if (!reader.readBit(changed))
        return false;
    if (!changed) {
        xorred = 0;
        return true;
    }
    bool newWindow = false;
    if (!reader.readBit(newWindow))
        return false;
    if (newWindow) {
        std::uint64_t lead = 0;
        std::uint64_t lengthLessOne = 0;
        if (!reader.read(6, lead) || !reader.read(6, lengthLessOne))
            return false;
        if (lead + lengthLessOne + 1 > 64)
            return false; // a window wider than a double
        leading = int(lead);
        trailing = 64 - int(lead) - int(lengthLessOne + 1);
    }
    const int length = 64 - leading - trailing;
    std::uint64_t meaningful = 0;
    if (!reader.read(length, meaningful))
        return false;
    // length ≥ 1 here, so trailing ≤ 63: the shift is defined.
    xorred = meaningful << trailing;
    return true;
}

} // namespace

std::vector<std::uint8_t> ValueBlockCodec::encode(std::span<const double> values) {
    ValueBlockEncoder previous(ValuePrediction::Previous);
    ValueBlockEncoder linear(ValuePrediction::Linear);
    for (const double value : values) {
        previous.append(value);
        linear.append(value);
    }
    const auto &shorter = linear.bits().bitCount() < previous.bits().bitCount() ? linear : previous;
    return shorter.bits().bytes();
}

bool ValueBlockCodec::decode(std::span<const std::uint8_t> bytes, std::span<double> out) {
    std::fill(out.begin(), out.end(), std::numeric_limits<double>::quiet_NaN());
    BitReader reader(bytes);
    bool linear = false;
    if (!reader.readBit(linear))
        return out.empty();
    const auto prediction = linear ? ValuePrediction::Linear : ValuePrediction::Previous;
    double last = 0;
    double beforeLast = 0;
    int leading = 0;
    int trailing = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        std::uint64_t xorred = 0;
        if (!readXor(reader, leading, trailing, xorred))
            return false;
        out[i] = std::bit_cast<double>(
            xorred ^ ValueBlockEncoder::predictedBits(prediction, last, beforeLast));
        beforeLast = i == 0 ? out[i] : last; // as ValueBlockEncoder::append
        last = out[i];
    }
    return true;
}

} // namespace lmcf
