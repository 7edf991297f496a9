#include "history/SeriesValueRing.h"

#include "history/ValueBlockCodec.h"

#include <algorithm>
#include <limits>
#include <span>

namespace lmcf {

namespace {
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
} // namespace

SeriesValueRing::SeriesValueRing(int capacityRounds, int blockRounds)
    : m_capacity(std::max(1, capacityRounds))
    , m_blockRounds(std::max(1, blockRounds)) {}

void SeriesValueRing::record(qint64 round, double value) {
    if (round < 0 || round < m_pendingRound)
        return;
    if (round == m_pendingRound) {
        m_pending = value;
        return;
    }
    if (m_pendingRound >= 0)
        place(m_pendingRound, m_pending);
    m_pending = value;
    m_pendingRound = round;
    dropBlocksBefore(round - m_capacity + 1);
}

void SeriesValueRing::place(qint64 round, double value) {
    const qint64 block = round / m_blockRounds;
    const int slot = int(round % m_blockRounds);
    if (m_openBlock >= 0 && block - m_openBlock > qint64(m_capacity) / m_blockRounds + 2) {
        // Silent for longer than the window: nothing held is worth keeping, skip the gap.
        m_closed.clear();
        m_closedEnds.clear();
        m_previous.clear();
        m_linear.clear();
        m_openBlock = -1;
    }
    if (m_openBlock < 0) {
        m_openBlock = block;
        m_firstClosedBlock = block;
    }
    while (m_openBlock < block) {
        while (m_linear.count() < m_blockRounds) {
            m_previous.append(kMissing);
            m_linear.append(kMissing);
        }
        closeOpenBlock();
    }
    while (m_linear.count() < slot) {
        m_previous.append(kMissing);
        m_linear.append(kMissing);
    }
    m_previous.append(value);
    m_linear.append(value);
    if (m_linear.count() == m_blockRounds)
        closeOpenBlock();
}

void SeriesValueRing::closeOpenBlock() {
    const bool linearWins = m_linear.bits().bitCount() < m_previous.bits().bitCount();
    appendClosed((linearWins ? m_linear : m_previous).bits().bytes());
    m_previous.clear();
    m_linear.clear();
    ++m_openBlock;
}

void SeriesValueRing::appendClosed(const std::vector<std::uint8_t> &bytes) {
    const std::size_t needed = m_closed.size() + bytes.size();
    if (needed > m_closed.capacity())
        m_closed.reserve(needed + needed / 4); // ~1/4 slack rather than vector's doubling
    m_closed.insert(m_closed.end(), bytes.begin(), bytes.end());
    if (m_closedEnds.size() == m_closedEnds.capacity())
        m_closedEnds.reserve(m_closedEnds.size() + 4);
    m_closedEnds.push_back(quint32(m_closed.size()));
}

void SeriesValueRing::dropBlocksBefore(qint64 round) {
    std::size_t drop = 0;
    while (drop < m_closedEnds.size() &&
           (m_firstClosedBlock + qint64(drop) + 1) * m_blockRounds <= round)
        ++drop;
    if (drop == 0)
        return;
    const quint32 cut = m_closedEnds[drop - 1];
    m_closed.erase(m_closed.begin(), m_closed.begin() + cut);
    m_closedEnds.erase(m_closedEnds.begin(), m_closedEnds.begin() + qsizetype(drop));
    for (quint32 &end : m_closedEnds)
        end -= cut;
    m_firstClosedBlock += qint64(drop);
}

double SeriesValueRing::valueAt(qint64 round, DecodedBlock &cache) const {
    if (round < 0 || round > m_pendingRound)
        return kMissing;
    if (round == m_pendingRound)
        return m_pending;
    const qint64 block = round / m_blockRounds;
    if (block < m_firstClosedBlock || block > m_openBlock)
        return kMissing;
    if (cache.ring != this || cache.block != block) {
        std::span<const std::uint8_t> bytes;
        int count = m_blockRounds;
        if (block == m_openBlock) {
            bytes = m_linear.bits().bytes();
            count = m_linear.count();
        } else {
            const std::size_t index = std::size_t(block - m_firstClosedBlock);
            const quint32 begin = index == 0 ? 0 : m_closedEnds[index - 1];
            bytes = std::span(m_closed).subspan(begin, m_closedEnds[index] - begin);
        }
        cache.values.assign(std::size_t(m_blockRounds), kMissing);
        ValueBlockCodec::decode(bytes, std::span(cache.values).first(std::size_t(count)));
        cache.ring = this;
        cache.block = block;
    }
    return cache.values[std::size_t(round % m_blockRounds)];
}

qint64 SeriesValueRing::memoryBytes() const {
    return qint64(sizeof(*this) + m_closed.capacity() + m_closedEnds.capacity() * sizeof(quint32) +
                  m_previous.bits().allocatedBytes() + m_linear.bits().allocatedBytes());
}

} // namespace lmcf
