#include "charts/SeriesStore.h"

#include <QMap>

#include <algorithm>

namespace lmcf {

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

//! Per-second rates between consecutive counter values; a drop (restart) counts from zero.
QVector<TimedValue> ratesOf(const QVector<TimedValue> &values) {
    QVector<TimedValue> rates;
    for (qsizetype i = 1; i < values.size(); ++i) {
        const double dt = (values[i].ms - values[i - 1].ms) / 1000.0;
        if (dt <= 0)
            continue;
        const double dv = values[i].value - values[i - 1].value;
        rates.push_back({values[i].ms, (dv >= 0 ? dv : values[i].value) / dt});
    }
    return rates;
}

QMap<qint64, double> average(const QVector<TimedValue> &points, qint64 fromMs, qint64 stepMs) {
    QMap<qint64, QPair<double, int>> sums;
    for (const TimedValue &p : points) {
        if (p.ms < fromMs)
            continue;
        auto &slot = sums[p.ms - p.ms % stepMs];
        slot.first += p.value;
        ++slot.second;
    }
    QMap<qint64, double> result;
    for (auto it = sums.cbegin(); it != sums.cend(); ++it)
        result.insert(it.key(), it.value().first / it.value().second);
    return result;
}

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
        // `lmcache:local_cache_usage` is bytes in LMCache but some builds (and our simulator)
        // export a 0..1 fraction: a value that small cannot be bytes, so it is not charted.
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
    const auto perNode = [&](const QVector<TimedValue> &values) {
        return average(MetricCatalog::isCounter(quantity) ? ratesOf(values) : values, fromMs,
                       stepMs);
    };
    if (!node.isEmpty())
        return perNode(raw(node, quantity));
    QMap<qint64, double> total;
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it) {
        const auto part = perNode(it.value()[static_cast<size_t>(quantity)]);
        for (auto p = part.cbegin(); p != part.cend(); ++p)
            total[p.key()] += p.value();
    }
    return total;
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
