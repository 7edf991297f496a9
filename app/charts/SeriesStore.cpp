#include "charts/SeriesStore.h"

#include <QMap>

#include <algorithm>

namespace lmcf {

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

//! One series averaged into buckets of `step` from `base` (a multiple of `step`), added to a
//! fleet total: flat arrays, no map per node, because the fleet charts of 1,000 nodes add up
//! 1,000 of these every redraw. Counters become per-second rates between consecutive values
//! (a drop, a restart, counts from zero), each at the later value's time.
class BucketSum {
public:
    BucketSum(qint64 fromMs, qint64 stepMs, qint64 lastMs)
        : m_from(fromMs)
        , m_base(fromMs - fromMs % stepMs)
        , m_step(stepMs)
        , m_total(size_t(std::max<qint64>(0, (lastMs - m_base) / stepMs + 1)), 0.0)
        , m_present(m_total.size(), false)
        , m_sum(m_total.size())
        , m_count(m_total.size()) {}

    void add(const QVector<TimedValue> &values, bool counter) {
        std::fill(m_sum.begin(), m_sum.end(), 0.0);
        std::fill(m_count.begin(), m_count.end(), 0);
        const auto first =
            std::lower_bound(values.cbegin(), values.cend(), m_from,
                             [](const TimedValue &v, qint64 ms) { return v.ms < ms; });
        for (qsizetype i = first - values.cbegin(); i < values.size(); ++i) {
            double value = values[i].value;
            if (counter) {
                const double dt = i > 0 ? (values[i].ms - values[i - 1].ms) / 1000.0 : 0;
                if (dt <= 0)
                    continue;
                const double dv = value - values[i - 1].value;
                value = (dv >= 0 ? dv : value) / dt;
            }
            const size_t bucket = size_t((values[i].ms - m_base) / m_step);
            if (bucket < m_sum.size()) {
                m_sum[bucket] += value;
                ++m_count[bucket];
            }
        }
        for (size_t b = 0; b < m_sum.size(); ++b) {
            if (m_count[b] > 0) {
                m_total[b] += m_sum[b] / m_count[b];
                m_present[b] = true;
            }
        }
    }

    QMap<qint64, double> result() const {
        QMap<qint64, double> out;
        for (size_t b = 0; b < m_total.size(); ++b) {
            if (m_present[b])
                out.insert(m_base + qint64(b) * m_step, m_total[b]);
        }
        return out;
    }

private:
    qint64 m_from;
    qint64 m_base;
    qint64 m_step;
    std::vector<double> m_total;
    std::vector<bool> m_present;
    std::vector<double> m_sum;
    std::vector<int> m_count;
};

//! Charts draw 240 buckets per range (5 m, 15 m, 1 h), so old points only need the spacing of
//! the widest range that still shows them: an hour of 1 s refreshes then keeps ~700 points a
//! series instead of 3,600. Counters stay exact: a rate over a gap is the gap's mean rate.
void thinOut(QVector<TimedValue> &values, qint64 nowMs) {
    QVector<TimedValue> kept;
    kept.reserve(values.size());
    for (const TimedValue &v : values) {
        const qint64 age = nowMs - v.ms;
        const qint64 spacing = age > 15 * 60'000 ? 15'000 : (age > 5 * 60'000 ? 3'750 : 0);
        if (kept.isEmpty() || v.ms - kept.last().ms >= spacing)
            kept.push_back(v);
    }
    values = std::move(kept);
}

constexpr int kScrapesBetweenThinning = 60;

double scaled(ChartKind kind, double value) {
    return kind == ChartKind::L1Usage ? value / kGiB : value;
}

} // namespace

SeriesStore::SeriesStore(QObject *parent)
    : QObject(parent) {}

SeriesStore::~SeriesStore() = default;

void SeriesStore::addScrape(qint64 ms, const QList<MetricSample> &samples) {
    QHash<QString, std::array<std::optional<double>, 7>> sums;
    for (const MetricSample &sample : samples) {
        const auto quantity = MetricCatalog::quantityOf(sample.name);
        if (!quantity)
            continue;
        // `lmcache:local_cache_usage` is bytes in LMCache but some builds export a 0..1
        // fraction: a value that small cannot be bytes, so it is not charted.
        if (*quantity == Quantity::L1Bytes && sample.value <= 1.0)
            continue;
        const QString node = sample.label(QStringLiteral("node"));
        auto &slot = sums[node][static_cast<size_t>(*quantity)];
        slot = slot.value_or(0) + sample.value;
    }
    const qint64 oldest = ms - m_retentionMs;
    for (auto it = sums.cbegin(); it != sums.cend(); ++it) {
        PerQuantity &series = m_nodes[it.key()];
        for (size_t q = 0; q < series.size(); ++q) {
            if (!it.value()[q])
                continue;
            QVector<TimedValue> &values = series[q];
            if (values.isEmpty() || values.last().ms < ms)
                values.push_back({ms, *it.value()[q]});
            const auto firstKept =
                std::find_if(values.begin(), values.end(),
                             [oldest](const TimedValue &v) { return v.ms >= oldest; });
            values.erase(values.begin(), firstKept);
        }
    }
    if (++m_scrapesSinceThinning >= kScrapesBetweenThinning) {
        m_scrapesSinceThinning = 0;
        for (PerQuantity &series : m_nodes) {
            for (QVector<TimedValue> &values : series)
                thinOut(values, ms);
        }
    }
    Q_EMIT changed();
}

void SeriesStore::addHistory(const QString &node, Quantity quantity, QVector<TimedValue> points) {
    std::sort(points.begin(), points.end(),
              [](const TimedValue &a, const TimedValue &b) { return a.ms < b.ms; });
    QVector<TimedValue> &values = m_nodes[node][static_cast<size_t>(quantity)];
    const qint64 firstLive =
        values.isEmpty() ? std::numeric_limits<qint64>::max() : values.first().ms;
    QVector<TimedValue> merged;
    for (const TimedValue &p : points) {
        if (p.ms < firstLive && (merged.isEmpty() || merged.last().ms < p.ms))
            merged.push_back(p);
    }
    merged += values;
    values = std::move(merged);
    Q_EMIT changed();
}

void SeriesStore::retainNodes(const QStringList &nodes) {
    for (auto it = m_nodes.begin(); it != m_nodes.end();) {
        if (nodes.contains(it.key()))
            ++it;
        else
            it = m_nodes.erase(it);
    }
}

const QVector<TimedValue> &SeriesStore::raw(const QString &node, Quantity quantity) const {
    static const QVector<TimedValue> empty;
    const auto it = m_nodes.constFind(node);
    return it == m_nodes.cend() ? empty : (*it)[static_cast<size_t>(quantity)];
}

QMap<qint64, double> SeriesStore::buckets(Quantity quantity, const QString &node, qint64 fromMs,
                                          qint64 stepMs) const {
    QList<const QVector<TimedValue> *> series;
    if (!node.isEmpty()) {
        series << &raw(node, quantity);
    } else {
        for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it)
            series << &it.value()[static_cast<size_t>(quantity)];
    }
    qint64 last = fromMs;
    for (const QVector<TimedValue> *values : series) {
        if (!values->isEmpty())
            last = qMax(last, values->last().ms);
    }
    BucketSum sum(fromMs, stepMs, last);
    for (const QVector<TimedValue> *values : series)
        sum.add(*values, MetricCatalog::isCounter(quantity));
    return sum.result();
}

QVector<QPointF> SeriesStore::series(ChartKind kind, const QString &node, qint64 fromMs,
                                     qint64 stepMs) const {
    stepMs = qMax<qint64>(1000, stepMs);
    const QList<Quantity> inputs = MetricCatalog::inputsOf(kind);
    const QMap<qint64, double> first = buckets(inputs.first(), node, fromMs, stepMs);
    QVector<QPointF> points;
    if (kind == ChartKind::HitRate) {
        const QMap<qint64, double> requested = buckets(inputs.at(1), node, fromMs, stepMs);
        for (auto it = requested.cbegin(); it != requested.cend(); ++it) {
            if (it.value() > 0)
                points.push_back(
                    QPointF(it.key(), 100.0 * qMin(1.0, first.value(it.key()) / it.value())));
        }
        return points;
    }
    for (auto it = first.cbegin(); it != first.cend(); ++it)
        points.push_back(QPointF(it.key(), scaled(kind, it.value())));
    return points;
}

std::optional<double> SeriesStore::latestRaw(Quantity quantity, const QString &node,
                                             qint64 windowMs) const {
    const QVector<TimedValue> &values = raw(node, quantity);
    if (values.isEmpty())
        return std::nullopt;
    if (!MetricCatalog::isCounter(quantity))
        return values.last().value;
    const qint64 from = values.last().ms - windowMs;
    qsizetype i = values.size() - 1;
    while (i > 0 && values[i - 1].ms >= from)
        --i;
    if (i == values.size() - 1)
        return std::nullopt;
    const double dt = (values.last().ms - values[i].ms) / 1000.0;
    const double dv = values.last().value - values[i].value;
    return dv >= 0 ? dv / dt : values.last().value / dt;
}

std::optional<double> SeriesStore::latest(ChartKind kind, const QString &node,
                                          qint64 windowMs) const {
    const QList<Quantity> inputs = MetricCatalog::inputsOf(kind);
    const auto first = latestRaw(inputs.first(), node, windowMs);
    if (kind != ChartKind::HitRate)
        return first;
    const auto requested = latestRaw(inputs.at(1), node, windowMs);
    if (!first || !requested || *requested <= 0)
        return std::nullopt;
    return qMin(1.0, *first / *requested);
}

} // namespace lmcf
