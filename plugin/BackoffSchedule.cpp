#include "BackoffSchedule.h"

#include <algorithm>

namespace lmcf {

BackoffSchedule::BackoffSchedule(qint64 intervalMs, quint32 seed, qint64 firstDelayMs)
    : m_intervalMs(qMax<qint64>(1, intervalMs))
    , m_firstDelayMs(qBound<qint64>(1, firstDelayMs, m_intervalMs))
    , m_random(seed) {}

qint64 BackoffSchedule::nextDelayMs() {
    ++m_failures;
    return delayMs(m_failures, m_intervalMs, m_firstDelayMs, m_random.generateDouble());
}

qint64 BackoffSchedule::delayMs(int failures, qint64 intervalMs, qint64 firstDelayMs,
                                double unitRandom) {
    intervalMs = qMax<qint64>(1, intervalMs);
    firstDelayMs = qBound<qint64>(1, firstDelayMs, intervalMs);
    // Doubling stops once past the interval: no overflow however long the outage.
    qint64 step = firstDelayMs;
    for (int i = 1; i < failures && step < intervalMs; ++i)
        step *= 2;
    step = std::min(step, intervalMs);
    const double jitter = std::clamp(unitRandom, 0.0, 1.0);
    const qint64 delay = step / 2 + qint64(jitter * double(step - step / 2));
    return std::clamp<qint64>(delay, 1, intervalMs);
}

} // namespace lmcf
