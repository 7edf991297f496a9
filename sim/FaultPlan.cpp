#include "FaultPlan.h"

#include <cmath>

namespace lmcf {

FaultPlan::FaultPlan(FaultSettings settings, quint32 seed)
    : m_settings(settings)
    , m_random(seed ^ 0x5eedfa11u) {}

bool FaultPlan::nextRequestFails() {
    if (m_settings.failRate <= 0)
        return false;
    return std::uniform_real_distribution<double>(0.0, 1.0)(m_random) < m_settings.failRate;
}

FaultPlan::Availability FaultPlan::availabilityAt(double elapsedS) const {
    if (m_settings.dieAfterS > 0 && elapsedS >= m_settings.dieAfterS)
        return Availability::Dead;
    if (m_settings.flapS > 0 && (qint64(std::floor(elapsedS / m_settings.flapS)) % 2) == 1)
        return Availability::Down;
    return Availability::Up;
}

double FaultPlan::nextChangeAfter(double elapsedS) const {
    if (availabilityAt(elapsedS) == Availability::Dead)
        return -1;
    double next = -1;
    if (m_settings.flapS > 0)
        next = (std::floor(elapsedS / m_settings.flapS) + 1) * m_settings.flapS;
    if (m_settings.dieAfterS > 0 && (next < 0 || m_settings.dieAfterS < next))
        next = m_settings.dieAfterS;
    return next;
}

} // namespace lmcf
