#pragma once

#include "history/SeriesSelector.h"
#include "history/SeriesValueRing.h"

#include <QHash>

#include <memory>
#include <vector>

namespace lmcf {

struct HistoryPoint {
    qint64 timestampMs = 0;
    double value = 0;
};

struct HistorySeries {
    QByteArray name;
    SeriesLabels labels;
    QList<HistoryPoint> points;
};

//! Metric history in bounded memory: the last `capacityRounds` scrape rounds of every recorded
//! series. Rounds share one timestamp ring; each series holds only its values, compressed in
//! blocks (SeriesValueRing: ~1 bit a round for values that hold still or grow steadily, at most
//! ~10 bytes for any other), every double kept bit for bit. A series not recorded for a whole
//! window is forgotten.
//! Not thread-safe; one owner (the daemon's scraper) records, routes query.
class HistoryStore final {
public:
    //! `capacityRounds` ≥ 2; at most `maxSeries` series are kept (more are counted as dropped).
    explicit HistoryStore(int capacityRounds, int maxSeries = 250000);
    ~HistoryStore();

    //! Opens the round all following record() calls belong to. Times must not go backwards; a
    //! round older than the previous one is ignored (and so are its samples).
    void beginRound(qint64 timestampMs);
    //! Records one sample of the current round. NaN is stored as "no value".
    void record(const QByteArray &name, const SeriesLabels &labels, double value);

    //! Prometheus `query_range` semantics: for each t in [start, end] by step, the series' latest
    //! value at or before t, if no older than `lookbackMs`. Series with no point are left out.
    //! Fails when a series would get more than 11,000 points (as Prometheus does) or step ≤ 0.
    Outcome<QList<HistorySeries>> query(const SeriesSelector &selector, qint64 startMs,
                                        qint64 endMs, qint64 stepMs,
                                        qint64 lookbackMs = 5 * 60 * 1000) const;

    int seriesCount() const { return int(m_series.size()); }
    qint64 droppedSeries() const { return m_dropped; }
    //! Approximate bytes held by values (allocations included) and keys.
    qint64 memoryBytes() const;
    int capacityRounds() const { return m_capacity; }

private:
    struct Series;
    qint64 latestRoundAtOrBefore(qint64 timestampMs) const;
    void forgetSilentSeries();

    int m_capacity;
    int m_maxSeries;
    qint64 m_round = -1;          //!< index of the current round, -1 before the first
    bool m_ignoringRound = false; //!< the last beginRound() went back in time
    std::vector<qint64> m_times;
    std::vector<std::unique_ptr<Series>> m_series;
    QHash<QByteArray, Series *> m_byKey;
    qint64 m_dropped = 0;
};

} // namespace lmcf
