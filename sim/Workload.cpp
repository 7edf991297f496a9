#include "Workload.h"

#include <algorithm>
#include <cmath>

namespace lmcf {

namespace {

SimHistogram histogram(std::initializer_list<double> bounds) {
    SimHistogram h;
    for (double bound : bounds)
        h.bounds[size_t(h.size++)] = bound;
    return h;
}

constexpr double kWatermark = 0.8;     // eviction_config.trigger_watermark
constexpr double kEvictionRatio = 0.2; // eviction_config.eviction_ratio

} // namespace

void SimHistogram::observe(double value, quint64 times) {
    if (times == 0)
        return;
    sum += value * double(times);
    count += times;
    for (int i = 0; i < size; ++i) {
        if (value <= bounds[size_t(i)]) {
            counts[size_t(i)] += times;
            return;
        }
    }
    overflow += times;
}

Workload::Workload(quint32 seed, qint64 l1TotalBytes)
    : m_random(seed)
    , m_l1Total(qMax(chunkBytes(), l1TotalBytes))
    , m_timeToRetrieve(histogram({0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 1.0}))
    , m_timeToStore(histogram({0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 1.0}))
    , m_retrieveSpeed(histogram({1e3, 1e4, 5e4, 1e5, 5e5, 1e6, 5e6, 1e7}))
    , m_storeSpeed(histogram({1e3, 1e4, 5e4, 1e5, 5e5, 1e6, 5e6, 1e7}))
    , m_chunkLifetime(histogram({1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600})) {
    m_baseRate = uniform(4.0, 40.0);
    m_targetHit = uniform(0.45, 0.9);
}

double Workload::uniform(double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(m_random);
}

void Workload::advanceTo(qint64 elapsedMs) {
    const qint64 target = elapsedMs / 1000;
    for (int budget = 3600; m_seconds < target && budget > 0; --budget)
        step();
    m_seconds = qMax(m_seconds, target); // a long pause is skipped, not replayed
}

void Workload::step() {
    ++m_seconds;
    // A slow wave of load (10 min period) with noise, per node.
    const double wave = 1.0 + 0.4 * std::sin(double(m_seconds) * 2 * M_PI / 600.0 + m_baseRate);
    const auto requests = quint64(std::max(0.0, m_baseRate * wave * uniform(0.7, 1.3)));
    m_activeSessions = int(std::lround(double(requests) / 4.0));

    m_targetHit = std::clamp(m_targetHit + uniform(-0.02, 0.02), 0.35, 0.95);
    m_warm += (1.0 - m_warm) * 0.06;
    const double fill = double(m_l1Used) / double(m_l1Total);
    m_lastHitRate = m_targetHit * m_warm * std::min(1.0, 0.3 + fill * 2.0);

    const quint64 tokens = requests * quint64(uniform(500, 3000));
    const auto hitTokens = quint64(double(tokens) * m_lastHitRate);
    const quint64 missTokens = tokens - hitTokens;
    WorkloadCounters &c = m_counters;
    c.lookupRequests += requests;
    c.lookupRequestedTokens += tokens;
    c.lookupHitTokens += hitTokens;
    c.vllmHitTokens += hitTokens / 8;
    c.retrieveRequests += requests;
    c.retrieveRequestedTokens += tokens;
    c.retrieveRetrievedTokens += hitTokens;
    c.storeRequests += requests;
    c.storeRequestedTokens += missTokens;
    c.storeStoredTokens += missTokens;
    store(missTokens);
    observeLatencies(requests, hitTokens, missTokens);
}

void Workload::store(quint64 tokens) {
    m_l1Used = std::min(m_l1Total, m_l1Used + qint64(tokens) * kBytesPerToken);
    if (double(m_l1Used) < kWatermark * double(m_l1Total))
        return;
    const qint64 evicted = std::min(m_l1Used, qint64(kEvictionRatio * double(m_l1Total)));
    m_l1Used -= evicted;
    m_counters.evictCount += 1;
    m_counters.evictKeysCount += quint64(evicted / chunkBytes());
    // Evicted chunks lived about as long as it took to fill L1 once.
    m_chunkLifetime.observe(uniform(30, 900), quint64(evicted / chunkBytes()));
}

void Workload::observeLatencies(quint64 requests, quint64 hitTokens, quint64 storedTokens) {
    if (requests == 0)
        return;
    const double retrieveS = uniform(0.002, 0.03) * (1.0 + double(hitTokens) / 4e5);
    const double storeS = uniform(0.004, 0.05) * (1.0 + double(storedTokens) / 4e5);
    m_timeToRetrieve.observe(retrieveS, requests);
    m_timeToStore.observe(storeS, requests);
    m_retrieveSpeed.observe(double(hitTokens) / double(requests) / retrieveS, requests);
    m_storeSpeed.observe(double(storedTokens) / double(requests) / storeS, requests);
}

void Workload::clear() {
    m_chunkLifetime.observe(uniform(1, 60), quint64(m_l1Used / chunkBytes()));
    m_l1Used = 0;
    m_warm = 0.0;
    m_lastHitRate = 0.0;
}

double Workload::retrieveHitRate() const {
    return m_lastHitRate;
}

double Workload::lookupHitRate() const {
    return m_lastHitRate;
}

} // namespace lmcf
