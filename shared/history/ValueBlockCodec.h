#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace lmcf {

//! Whole blocks of the history codec (the format is described at ValueBlockEncoder).
class ValueBlockCodec final {
public:
    //! The shorter of the two predictions' encodings of `values`; decode(result, size) gives
    //! back every value bit for bit.
    static std::vector<std::uint8_t> encode(std::span<const double> values);

    //! Decodes the first `out.size()` values of a block into `out`. Never reads outside `bytes`
    //! and never crashes, whatever the bytes: on a stream that ends early or names an
    //! impossible window it returns false (`out` then holds NaN from the first bad value on).
    //! Bytes after the last value are ignored.
    static bool decode(std::span<const std::uint8_t> bytes, std::span<double> out);
};

} // namespace lmcf
