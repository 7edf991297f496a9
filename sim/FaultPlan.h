#pragma once

#include <QtGlobal>

#include <random>

namespace lmcf {

//! The fault knobs of a simulated node (for tests and demos).
struct FaultSettings {
    int slowMs = 0;              //!< every answer is delayed this long
    double failRate = 0.0;       //!< this fraction of requests is answered 500
    bool garbageMetrics = false; //!< /metrics serves a broken exposition
    double flapS = 0.0;          //!< up this long, down this long, and so on
    double dieAfterS = 0.0;      //!< stops listening for good after this long
};

//! Decides, per request and over time, which fault a node shows. Seeded: reproducible.
class FaultPlan final {
public:
    enum class Availability { Up, Down, Dead };

    FaultPlan(FaultSettings settings, quint32 seed);

    const FaultSettings &settings() const { return m_settings; }
    //! Draws whether this request fails (probability failRate).
    bool nextRequestFails();
    //! Whether the node listens `elapsedS` seconds after start.
    Availability availabilityAt(double elapsedS) const;
    //! Seconds after start of the next availability change after `elapsedS`; < 0 when none.
    double nextChangeAfter(double elapsedS) const;

private:
    FaultSettings m_settings;
    std::mt19937 m_random;
};

} // namespace lmcf
