#pragma once

#include <QtGlobal>

#include <array>
#include <random>

namespace lmcf {

//! Fixed-bucket histogram state (cumulative counts are computed when rendered).
struct SimHistogram {
    static constexpr int kMaxBuckets = 12;
    std::array<double, kMaxBuckets> bounds{};  //!< upper bounds; +Inf is implicit
    std::array<quint64, kMaxBuckets> counts{}; //!< observations per bucket (not cumulative)
    int size = 0;
    quint64 overflow = 0; //!< above the last bound
    double sum = 0;
    quint64 count = 0;

    void observe(double value, quint64 times);
};

//! Everything a simulated node has counted since it started (spec §5 names, both families).
struct WorkloadCounters {
    quint64 retrieveRequests = 0, storeRequests = 0, lookupRequests = 0;
    quint64 retrieveRequestedTokens = 0, retrieveRetrievedTokens = 0;
    quint64 storeRequestedTokens = 0, storeStoredTokens = 0;
    quint64 lookupRequestedTokens = 0, lookupHitTokens = 0, vllmHitTokens = 0;
    quint64 remoteReadRequests = 0, remoteReadBytes = 0;
    quint64 remoteWriteRequests = 0, remoteWriteBytes = 0;
    quint64 evictCount = 0, evictKeysCount = 0, evictFailedCount = 0;
    quint64 readFailedKeys = 0, writeFailedKeys = 0;
};

//! The moving numbers of one simulated LMCache node. Time advances in whole one-second steps,
//! so what a node reports depends only on its seed and its age, not on when it is asked: tests
//! advance it by hand, the simulator from a clock. Per step: a request stream (rate per node,
//! a slow wave, noise) looks up tokens; hits follow a hit rate that drifts per node and is
//! scaled by a warm-up factor; misses are stored into L1, which evicts a share when it passes
//! its watermark. clear() empties L1 and resets the warm-up, so the hit rate drops to ~0 and
//! recovers over about a minute.
class Workload final {
public:
    static constexpr int kChunkTokens = 256;
    static constexpr qint64 kBytesPerToken = 4096;

    explicit Workload(quint32 seed, qint64 l1TotalBytes = 2LL * 1024 * 1024 * 1024);

    //! Runs every whole second up to `elapsedMs` since start (at most one hour per call).
    void advanceTo(qint64 elapsedMs);
    void step();
    //! Empties L1 (the clear-cache endpoint). Counters keep counting.
    void clear();

    const WorkloadCounters &counters() const { return m_counters; }
    qint64 seconds() const { return m_seconds; }
    qint64 l1UsedBytes() const { return m_l1Used; }
    qint64 l1TotalBytes() const { return m_l1Total; }
    qint64 objectCount() const { return m_l1Used / chunkBytes(); }
    int activeSessions() const { return m_activeSessions; }
    //! Hit rate of the last step's lookups, 0..1.
    double lastHitRate() const { return m_lastHitRate; }
    double retrieveHitRate() const;
    double lookupHitRate() const;

    const SimHistogram &timeToRetrieve() const { return m_timeToRetrieve; }
    const SimHistogram &timeToStore() const { return m_timeToStore; }
    const SimHistogram &retrieveSpeed() const { return m_retrieveSpeed; }
    const SimHistogram &storeSpeed() const { return m_storeSpeed; }
    const SimHistogram &chunkLifetime() const { return m_chunkLifetime; }

    static qint64 chunkBytes() { return kChunkTokens * kBytesPerToken; }

private:
    double uniform(double low, double high);
    void store(quint64 tokens);
    void observeLatencies(quint64 requests, quint64 hitTokens, quint64 storedTokens);

    std::mt19937 m_random;
    WorkloadCounters m_counters;
    qint64 m_seconds = 0;
    qint64 m_l1Used = 0;
    qint64 m_l1Total;
    double m_baseRate;   //!< requests per second of this node
    double m_targetHit;  //!< drifts in [0.35, 0.95]
    double m_warm = 1.0; //!< 0 right after clear(), climbs back to 1
    double m_lastHitRate = 0;
    int m_activeSessions = 0;
    SimHistogram m_timeToRetrieve, m_timeToStore, m_retrieveSpeed, m_storeSpeed, m_chunkLifetime;
};

} // namespace lmcf
