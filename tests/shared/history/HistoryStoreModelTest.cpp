// The compressed HistoryStore against a plain model of its contract (every value of every round
// kept in maps), on random recordings: query answers must be identical, bit for bit.
#include "QtPrinters.h"
#include "history/HistoryStore.h"

#include <bit>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <map>
#include <random>

using namespace lmcf;

namespace {

using Key = std::pair<QByteArray, QByteArray>; // name, node label
using Answer = std::map<Key, std::vector<std::pair<qint64, std::uint64_t>>>;

//! What HistoryStore promises, without any memory bound.
class ReferenceHistory final {
public:
    explicit ReferenceHistory(int capacity)
        : m_capacity(capacity) {}

    void beginRound(qint64 t) {
        m_ignoring = !m_times.empty() && t < m_times.back();
        if (!m_ignoring)
            m_times.push_back(t);
    }
    void record(const Key &key, double value) {
        if (!m_times.empty() && !m_ignoring)
            m_values[key][qint64(m_times.size()) - 1] = value;
    }
    Answer query(const QByteArray &name, qint64 start, qint64 end, qint64 step,
                 qint64 lookback) const {
        Answer answer;
        const qint64 last = qint64(m_times.size()) - 1;
        for (qint64 t = start; t <= end; t += step) {
            qint64 round = -1;
            for (qint64 r = std::max<qint64>(0, last - m_capacity + 1); r <= last; ++r) {
                if (m_times[size_t(r)] <= t)
                    round = r;
            }
            if (round < 0 || t - m_times[size_t(round)] > lookback)
                continue;
            for (const auto &[key, values] : m_values) {
                const auto it = values.find(round);
                if (key.first == name && it != values.end() && !std::isnan(it->second))
                    answer[key].push_back({t, std::bit_cast<std::uint64_t>(it->second)});
            }
        }
        return answer;
    }

private:
    int m_capacity;
    bool m_ignoring = false;
    std::vector<qint64> m_times;
    std::map<Key, std::map<qint64, double>> m_values;
};

Answer answerOf(const QList<HistorySeries> &series) {
    Answer answer;
    for (const HistorySeries &s : series) {
        auto &points = answer[{s.name, s.labels.first().second}];
        for (const HistoryPoint &p : s.points)
            points.push_back({p.timestampMs, std::bit_cast<std::uint64_t>(p.value)});
    }
    return answer;
}

double randomValue(std::mt19937_64 &random, qint64 round, int series) {
    switch (random() % 6) {
    case 0:
        return std::bit_cast<double>(random()); // any bits, NaN payloads included
    case 1:
        return std::numeric_limits<double>::quiet_NaN();
    case 2:
        return -0.0;
    case 3:
        return double(series); // a gauge holding still
    default:
        return double(round * 10 + series); // a steady counter
    }
}

} // namespace

TEST(HistoryStoreModel, AnswersAsAPlainMapOfEveryRoundWould) {
    std::mt19937_64 random(2024);
    const QList<QByteArray> names = {"a", "b"};
    std::size_t pointsCompared = 0;
    for (const int capacity : {2, 5, 16, 100}) {
        HistoryStore store(capacity);
        ReferenceHistory reference(capacity);
        qint64 t = 0;
        for (int round = 0; round < 400; ++round) {
            t += random() % 20 == 0 ? -3000 : qint64(random() % 3) * 1000; // back, same, on
            store.beginRound(t);
            reference.beginRound(t);
            for (int s = 0; s < 6; ++s) {
                if (random() % 4 == 0 || (s == 5 && round % 150 > 20))
                    continue; // a missed round; series 5 goes silent for long stretches
                const Key key{names[s % 2], QByteArray::number(s)};
                const double value = randomValue(random, round, s);
                store.record(key.first, {{"node", key.second}}, value);
                reference.record(key, value);
            }
            if (round % 7 != 0)
                continue;
            const qint64 start = t - qint64(random() % 40000);
            const qint64 step = 1 + qint64(random() % 3000);
            const qint64 lookback = 500 + qint64(random() % 8000);
            for (const QByteArray &name : names) {
                const auto got =
                    store.query(SeriesSelector::parse(name).value(), start, t, step, lookback);
                ASSERT_TRUE(got.ok());
                const Answer expected = reference.query(name, start, t, step, lookback);
                ASSERT_EQ(answerOf(*got), expected)
                    << "capacity " << capacity << " round " << round;
                for (const auto &[key, points] : expected)
                    pointsCompared += points.size();
            }
        }
    }
    EXPECT_GT(pointsCompared, 5000u); // the comparison is not vacuous
}
