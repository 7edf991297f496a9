#pragma once

#include <QRandomGenerator>
#include <QtGlobal>

namespace lmcf {

//! When to retry after failed heartbeats: exponential (first delay × 2^(n-1)) with jitter in the
//! upper half of each step, never longer than the normal interval. The original agent had no
//! backoff at all (spec §6); a registry that comes back is not hit by every node at once.
class BackoffSchedule final {
public:
    //! `seed` makes the jitter reproducible (tests); `firstDelayMs` is capped at the interval.
    BackoffSchedule(qint64 intervalMs, quint32 seed, qint64 firstDelayMs = 1000);

    //! Counts one more failure and returns the delay before the next attempt.
    qint64 nextDelayMs();
    //! After a success: the next failure starts from the first delay again.
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }

    //! The pure rule: the delay after `failures` (>= 1) consecutive failures, with
    //! `unitRandom` in [0, 1] choosing the point in the jitter range. Always in
    //! [1, intervalMs].
    static qint64 delayMs(int failures, qint64 intervalMs, qint64 firstDelayMs, double unitRandom);

private:
    qint64 m_intervalMs;
    qint64 m_firstDelayMs;
    int m_failures = 0;
    QRandomGenerator m_random;
};

} // namespace lmcf
