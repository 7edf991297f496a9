#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace lmcf {

//! Reads a BitWriter stream (most significant bit first) from borrowed bytes, never past their
//! end: a read that would overrun returns false, leaves `value` 0 and marks the reader failed
//! (every later read fails too), so a decoder can run on any bytes without crashing.
class BitReader final {
public:
    explicit BitReader(std::span<const std::uint8_t> bytes)
        : m_bytes(bytes) {}

    //! Reads `bits` bits (in [0, 64]; anything else fails) into the low bits of `value`.
    bool read(int bits, std::uint64_t &value);
    //! One bit; false (and failed()) past the end.
    bool readBit(bool &bit);

    bool failed() const { return m_failed; }
    std::size_t bitsLeft() const { return m_bytes.size() * 8 - m_position; }

private:
    std::span<const std::uint8_t> m_bytes;
    std::size_t m_position = 0;
    bool m_failed = false;
};

} // namespace lmcf
