#include "history/BitReader.h"

#include <algorithm>

namespace lmcf {

bool BitReader::read(int bits, std::uint64_t &value) {
    value = 0;
    if (m_failed || bits < 0 || bits > 64 || std::size_t(bits) > bitsLeft()) {
        m_failed = true;
        return false;
    }
    while (bits > 0) {
        const int used = int(m_position % 8);
        const int take = std::min(8 - used, bits);
        const unsigned byte = m_bytes[m_position / 8];
        const unsigned chunk = (byte >> (8 - used - take)) & ((1u << take) - 1);
        // take < 64 here, and value holds at most 64 - take bits so far: no shift overflow.
        value = (value << take) | chunk;
        m_position += std::size_t(take);
        bits -= take;
    }
    return true;
}

bool BitReader::readBit(bool &bit) {
    std::uint64_t value = 0;
    const bool ok = read(1, value);
    bit = value != 0;
    return ok;
}

} // namespace lmcf
