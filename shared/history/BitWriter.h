#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lmcf {

//! An append-only bit stream, most significant bit first, packed into bytes (the last byte is
//! zero-padded). Used by the history codec; holds no more capacity than it needs plus ~1/4.
class BitWriter final {
public:
    BitWriter() = default;

    //! Appends the low `bits` bits of `value` (bits in [0, 64]; higher bits of value ignored).
    void write(std::uint64_t value, int bits);
    void writeBit(bool bit) { write(bit ? 1 : 0, 1); }

    std::size_t bitCount() const { return m_bits; }
    const std::vector<std::uint8_t> &bytes() const { return m_bytes; }
    //! Bytes allocated (capacity), for memory accounting.
    std::size_t allocatedBytes() const { return m_bytes.capacity(); }
    void clear();

private:
    std::vector<std::uint8_t> m_bytes;
    std::size_t m_bits = 0;
};

} // namespace lmcf
