#pragma once

#include "history/ValueBlockEncoder.h"

#include <QtGlobal>

#include <vector>

namespace lmcf {

//! One block of a SeriesValueRing decoded for reading; reuse it across valueAt() calls on the
//! same ring so sequential reads decode each block once. Valid while that ring is unchanged.
struct DecodedBlock {
    const void *ring = nullptr;
    qint64 block = -1;
    std::vector<double> values;
};

//! The values of one series for the last `capacityRounds` rounds, compressed: rounds are cut
//! into blocks of `blockRounds` aligned on round 0; closed blocks are encoded with
//! ValueBlockEncoder (the shorter prediction wins) into one byte buffer, the open block is being
//! encoded as it fills, and only the latest value is kept raw (a round may be recorded again).
//! Values that hold still or grow steadily cost ~1 bit a round. Blocks wholly older than the
//! window are dropped as rounds advance, so memory stays bounded by capacity + one block.
class SeriesValueRing final {
public:
    static constexpr int kDefaultBlockRounds = 64;

    //! Both at least 1 (smaller values are raised to 1).
    explicit SeriesValueRing(int capacityRounds, int blockRounds = kDefaultBlockRounds);

    //! Records `value` (any bits, NaN included, kept exactly) for `round` ≥ 0. Recording the
    //! latest round again replaces its value; an earlier or negative round is ignored. Rounds
    //! skipped since the previous call hold no value (they read as NaN).
    void record(qint64 round, double value);

    //! The value recorded for `round`; NaN when none was (skipped, before the first, after the
    //! latest). Rounds older than the window may be gone (NaN). Any round is accepted.
    double valueAt(qint64 round, DecodedBlock &cache) const;

    //! The latest round recorded, -1 before the first.
    qint64 lastRound() const { return m_pendingRound; }
    //! Closed blocks currently held (for tests of the eviction).
    int closedBlocks() const { return int(m_closedEnds.size()); }
    //! Bytes held, allocations included (approximate).
    qint64 memoryBytes() const;

private:
    void place(qint64 round, double value);
    void closeOpenBlock();
    void dropBlocksBefore(qint64 round);
    void appendClosed(const std::vector<std::uint8_t> &bytes);

    int m_capacity;
    int m_blockRounds;
    std::vector<std::uint8_t> m_closed; // closed blocks, oldest first, each byte-aligned
    std::vector<quint32> m_closedEnds;  // end offset of each closed block in m_closed
    qint64 m_firstClosedBlock = 0;      // block index of m_closedEnds[0]
    qint64 m_openBlock = -1;            // block index being filled, -1 before the first value
    ValueBlockEncoder m_previous{ValuePrediction::Previous};
    ValueBlockEncoder m_linear{ValuePrediction::Linear};
    double m_pending = 0; // the latest round's value, not yet encoded
    qint64 m_pendingRound = -1;
};

} // namespace lmcf
