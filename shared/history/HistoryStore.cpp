#include "history/HistoryStore.h"

#include <algorithm>
#include <cmath>

namespace lmcf {

namespace {
constexpr qint64 kMaxPoints = 11000;

QByteArray keyOf(const QByteArray &name, const SeriesLabels &labels) {
    QByteArray key = name;
    for (const auto &[label, value] : labels)
        key += '\0' + label + '\x01' + value;
    return key;
}
} // namespace

struct HistoryStore::Series {
    QByteArray key;
    QByteArray name;
    SeriesLabels labels;
    SeriesValueRing values;
};

HistoryStore::HistoryStore(int capacityRounds, int maxSeries)
    : m_capacity(std::max(2, capacityRounds))
    , m_maxSeries(maxSeries)
    , m_times(size_t(m_capacity), 0) {}

HistoryStore::~HistoryStore() = default;

void HistoryStore::beginRound(qint64 timestampMs) {
    // An older round is ignored with its samples, which must not land in the previous round.
    m_ignoringRound = m_round >= 0 && timestampMs < m_times[size_t(m_round % m_capacity)];
    if (m_ignoringRound)
        return;
    ++m_round;
    m_times[size_t(m_round % m_capacity)] = timestampMs;
    if (m_round % m_capacity == 0)
        forgetSilentSeries();
}

void HistoryStore::record(const QByteArray &name, const SeriesLabels &labels, double value) {
    if (m_round < 0 || m_ignoringRound)
        return;
    const QByteArray key = keyOf(name, labels);
    Series *series = m_byKey.value(key);
    if (!series) {
        if (seriesCount() >= m_maxSeries) {
            ++m_dropped;
            return;
        }
        auto created =
            std::make_unique<Series>(Series{key, name, labels, SeriesValueRing(m_capacity)});
        series = created.get();
        m_byKey.insert(key, series);
        m_series.push_back(std::move(created));
    }
    // Rounds this series missed read as no value (the ring knows which it skipped).
    series->values.record(m_round, value);
}

void HistoryStore::forgetSilentSeries() {
    const auto silent = [this](const std::unique_ptr<Series> &s) {
        return s->values.lastRound() <= m_round - m_capacity;
    };
    for (const auto &s : m_series) {
        if (silent(s))
            m_byKey.remove(s->key);
    }
    m_series.erase(std::remove_if(m_series.begin(), m_series.end(), silent), m_series.end());
}

qint64 HistoryStore::latestRoundAtOrBefore(qint64 timestampMs) const {
    // Round times are monotonic over the window [oldest, m_round]: binary search on rounds.
    qint64 low = std::max<qint64>(0, m_round - m_capacity + 1);
    qint64 high = m_round;
    qint64 found = -1;
    while (low <= high) {
        const qint64 mid = low + (high - low) / 2;
        if (m_times[size_t(mid % m_capacity)] <= timestampMs) {
            found = mid;
            low = mid + 1;
        } else {
            high = mid - 1;
        }
    }
    return found;
}

Outcome<QList<HistorySeries>> HistoryStore::query(const SeriesSelector &selector, qint64 startMs,
                                                  qint64 endMs, qint64 stepMs,
                                                  qint64 lookbackMs) const {
    using Result = Outcome<QList<HistorySeries>>;
    if (stepMs <= 0)
        return Result::failure(QStringLiteral("step must be positive"));
    if (endMs < startMs)
        return Result::failure(QStringLiteral("end is before start"));
    if ((endMs - startMs) / stepMs + 1 > kMaxPoints)
        return Result::failure(QStringLiteral("exceeded maximum resolution of 11,000 points per "
                                              "timeseries; raise step"));
    // The round that answers each step time is the same for every series: find them once.
    std::vector<qint64> rounds;
    for (qint64 t = startMs; t <= endMs; t += stepMs) {
        const qint64 round = m_round < 0 ? -1 : latestRoundAtOrBefore(t);
        const bool fresh = round >= 0 && t - m_times[size_t(round % m_capacity)] <= lookbackMs;
        rounds.push_back(fresh ? round : -1);
    }
    QList<HistorySeries> result;
    DecodedBlock block;
    for (const auto &series : m_series) {
        if (!selector.matches(series->name, series->labels))
            continue;
        HistorySeries out{series->name, series->labels, {}};
        qint64 t = startMs;
        for (const qint64 round : rounds) {
            const double v = series->values.valueAt(round, block);
            if (!std::isnan(v))
                out.points.append({t, v});
            t += stepMs;
        }
        if (!out.points.isEmpty())
            result.append(std::move(out));
    }
    return Result::success(result);
}

qint64 HistoryStore::memoryBytes() const {
    qint64 bytes = qint64(m_times.size()) * 8;
    for (const auto &s : m_series)
        bytes += s->values.memoryBytes() + s->key.size() * 2 + 160;
    return bytes;
}

} // namespace lmcf
