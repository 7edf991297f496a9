// libFuzzer target: the history codec. The input is read two ways:
// - as doubles (8 bytes each, any bits): encoded as one block, then decoded, must come back bit
//   for bit; and recorded into a SeriesValueRing with gaps and repeats taken from the bytes, then
//   read back against what was recorded;
// - as an encoded block (after one byte giving a value count): decode must succeed or fail
//   cleanly, never read outside the bytes.
#include "history/SeriesValueRing.h"
#include "history/ValueBlockCodec.h"

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <span>
#include <vector>

namespace {

std::vector<double> doublesOf(const uint8_t *data, size_t size) {
    std::vector<double> values(size / 8);
    if (!values.empty())
        std::memcpy(values.data(), data, values.size() * 8);
    return values;
}

void checkBlockRoundTrip(const std::vector<double> &values) {
    const auto bytes = lmcf::ValueBlockCodec::encode(values);
    std::vector<double> out(values.size());
    if (!lmcf::ValueBlockCodec::decode(bytes, out))
        std::abort();
    for (size_t i = 0; i < values.size(); ++i) {
        if (std::bit_cast<uint64_t>(out[i]) != std::bit_cast<uint64_t>(values[i]))
            std::abort();
    }
}

void checkRing(const std::vector<double> &values, uint8_t shape) {
    lmcf::SeriesValueRing ring(1 + shape % 40, 1 + (shape / 40) % 16);
    std::map<qint64, double> recorded;
    qint64 round = 0;
    for (const double value : values) {
        // The value's low byte picks the step to the next round: same, next, or a gap.
        round += std::bit_cast<uint64_t>(value) % 5;
        ring.record(round, value);
        recorded[round] = value;
    }
    lmcf::DecodedBlock block;
    for (qint64 r = round; r >= 0 && r > round - (1 + shape % 40); --r) {
        const auto it = recorded.find(r);
        const double got = ring.valueAt(r, block);
        if (it == recorded.end()
                ? !std::isnan(got)
                : std::bit_cast<uint64_t>(got) != std::bit_cast<uint64_t>(it->second))
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const std::vector<double> values = doublesOf(data, size);
    checkBlockRoundTrip(values);
    if (size > 0)
        checkRing(values, data[0]);
    if (size > 0) {
        std::vector<double> out(data[0]);
        (void)lmcf::ValueBlockCodec::decode(std::span(data + 1, size - 1), out);
    }
    return 0;
}
