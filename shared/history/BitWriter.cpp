#include "history/BitWriter.h"

#include <algorithm>

namespace lmcf {

void BitWriter::write(std::uint64_t value, int bits) {
    if (bits <= 0)
        return;
    if (bits > 64)
        bits = 64;
    const std::size_t neededBytes = (m_bits + std::size_t(bits) + 7) / 8;
    if (neededBytes > m_bytes.capacity())
        m_bytes.reserve(neededBytes + neededBytes / 4 + 4); // grows by ~1/4, not double
    m_bytes.resize(neededBytes, 0);
    // Fill byte by byte: the free bits of the current byte, then whole bytes.
    while (bits > 0) {
        const int used = int(m_bits % 8);
        const int take = std::min(8 - used, bits);
        const auto chunk = std::uint8_t((value >> (bits - take)) & ((1u << take) - 1));
        m_bytes[m_bits / 8] |= std::uint8_t(chunk << (8 - used - take));
        m_bits += std::size_t(take);
        bits -= take;
    }
}

void BitWriter::clear() {
    m_bytes.clear();
    m_bytes.shrink_to_fit();
    m_bits = 0;
}

} // namespace lmcf
