#include "charts/HistoryLoader.h"

#include "charts/SeriesStore.h"
#include "core/WholeNumber.h"
#include "fleet/FleetConnection.h"
#include "net/DaemonClient.h"
#include "prometheus/ChartedMetrics.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace lmcf {

namespace {
const QList<Quantity> kQuantities = {
    Quantity::HitTokens, Quantity::LookupTokens, Quantity::RetrieveTokens, Quantity::StoreTokens,
    Quantity::L1Bytes,   Quantity::Evictions,    Quantity::Requests};
} // namespace

HistoryLoader::HistoryLoader(FleetConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_prometheus(new DaemonClient(this)) {
    // Prometheus answers a range query over a whole fleet slower than the daemon's ring.
    m_prometheus->setTimeoutMs(30000);
}

HistoryLoader::~HistoryLoader() = default;

void HistoryLoader::setSource(const QUrl &prometheus, const QString &token) {
    m_prometheusUrl = prometheus;
    m_prometheus->setBaseUrl(prometheus);
    m_prometheus->setToken(token);
}

QString HistoryLoader::sourceName() const {
    if (!usesPrometheus())
        return QStringLiteral("the daemon");
    return QStringLiteral("Prometheus at ") +
           m_prometheusUrl.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath).toString();
}

QString HistoryLoader::queryFor(const QString &metricName, bool prometheus) {
    if (!prometheus)
        return metricName;
    // Target labels from /api/sd: `proxy` (packaging/prometheus/ keeps it), `state`, `version`
    // (it drops them; other configurations may not). Workers stay apart by `worker_id`.
    return QStringLiteral("max without (instance, job, proxy, state, version) (%1{node!=\"\"})")
        .arg(metricName);
}

void HistoryLoader::load(qint64 rangeMs, int stepSeconds) {
    delete m_batch;
    m_batch = new QObject(this);
    m_collected.clear();
    m_pendingPerQuantity.clear();
    m_problem.clear();
    m_pending = 0;
    // Prometheus labels each step with the step's time but answers the last sample before it
    // (up to a scrape interval older): ending a step early keeps the seam with the first live
    // point (exact time) from turning that lag into a spike of the rates.
    const qint64 end = QDateTime::currentSecsSinceEpoch() - (usesPrometheus() ? stepSeconds : 0);
    const qint64 start = end - rangeMs / 1000;
    DaemonClient *source = usesPrometheus() ? m_prometheus : m_connection->client();
    for (Quantity quantity : kQuantities) {
        for (const QString &name : MetricCatalog::namesOf(quantity)) {
            ++m_pending;
            ++m_pendingPerQuantity[int(quantity)];
            source->queryRange(
                queryFor(name, usesPrometheus()), start, end, stepSeconds, m_batch,
                [this, quantity](const DaemonReply &reply) { take(quantity, reply); });
        }
    }
}

QHash<QString, QMap<qint64, double>> HistoryLoader::readMatrix(const QJsonDocument &json,
                                                               QString *error) {
    QHash<QString, QMap<qint64, double>> result;
    const QJsonObject root = json.object();
    if (root.value(QLatin1String("status")).toString() != QLatin1String("success")) {
        if (error)
            *error = root.value(QLatin1String("error")).toString(QStringLiteral("query failed"));
        return result;
    }
    const QJsonArray series =
        root.value(QLatin1String("data")).toObject().value(QLatin1String("result")).toArray();
    for (const QJsonValue &entry : series) {
        const QJsonObject object = entry.toObject();
        const QString node = object.value(QLatin1String("metric"))
                                 .toObject()
                                 .value(QLatin1String("node"))
                                 .toString();
        QMap<qint64, double> &points = result[node];
        for (const QJsonValue &pair : object.value(QLatin1String("values")).toArray()) {
            const QJsonArray tv = pair.toArray();
            bool ok = false;
            const double value = tv.at(1).toString().toDouble(&ok);
            const auto timeMs = wholeNumber(tv.at(0).toDouble() * 1000.0);
            if (tv.size() == 2 && ok && timeMs)
                points[*timeMs] += value;
        }
    }
    return result;
}

void HistoryLoader::take(Quantity quantity, const DaemonReply &reply) {
    --m_pending;
    const int key = int(quantity);
    if (reply.ok()) {
        QString error;
        const auto matrix = readMatrix(reply.json, &error);
        if (!error.isEmpty())
            m_problem = error;
        auto &collected = m_collected[key];
        for (auto it = matrix.cbegin(); it != matrix.cend(); ++it) {
            // The daemon's fleet-wide series: the store makes its own fleet sums from the nodes.
            if (it.key().isEmpty() || it.key() == QLatin1String(ChartedMetrics::FleetNode.data(),
                                                                ChartedMetrics::FleetNode.size()))
                continue;
            for (auto p = it.value().cbegin(); p != it.value().cend(); ++p)
                collected[it.key()][p.key()] += p.value();
        }
    } else {
        m_problem = usesPrometheus() ? QStringLiteral("Prometheus history: ") + reply.message
                                     : reply.message;
    }
    if (--m_pendingPerQuantity[key] == 0) {
        const auto &collected = m_collected[key];
        for (auto it = collected.cbegin(); it != collected.cend(); ++it) {
            QVector<TimedValue> points;
            for (auto p = it.value().cbegin(); p != it.value().cend(); ++p)
                points.push_back({p.key(), p.value()});
            m_connection->store()->addHistory(it.key(), quantity, std::move(points));
        }
    }
    if (m_pending == 0)
        Q_EMIT finished(m_problem);
}

} // namespace lmcf
