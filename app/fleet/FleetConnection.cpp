#include "fleet/FleetConnection.h"

#include "charts/SeriesStore.h"
#include "fleet/FleetMetrics.h"
#include "models/NodeListReader.h"
#include "net/DaemonClient.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QPromise>
#include <QThreadPool>

namespace lmcf {

namespace {
constexpr int kFeedWaitSeconds = 30;
constexpr int kStatusPollsPerTick = 8;
constexpr qint64 kRateWindowMs = 30000;
} // namespace

FleetConnection::FleetConnection(QObject *parent)
    : QObject(parent)
    , m_client(new DaemonClient(this))
    , m_store(new SeriesStore(this))
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {
    m_scrapeTimer.setInterval(5000);
    connect(&m_scrapeTimer, &QTimer::timeout, this, &FleetConnection::scrape);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &FleetConnection::fetchNodes);
    m_statsTimer.setSingleShot(true);
    m_statsTimer.setInterval(100);
    connect(&m_statsTimer, &QTimer::timeout, this, &FleetConnection::recomputeStats);
}

FleetConnection::~FleetConnection() = default;

void FleetConnection::setRefreshIntervalMs(int ms) {
    m_scrapeTimer.setInterval(qMax(250, ms));
}

void FleetConnection::connectTo(const QUrl &daemon, const QString &token) {
    disconnectFromDaemon();
    m_client->setBaseUrl(daemon);
    m_client->setToken(token);
    m_session = new QObject(this);
    m_viewer = false;
    m_feedWorks = true;
    m_feedRunning = false;
    setState(State::Connecting, QStringLiteral("Connecting to %1…").arg(daemon.toDisplayString()));
    fetchNodes();
    scrape();
    m_scrapeTimer.start();
}

void FleetConnection::disconnectFromDaemon() {
    delete m_session; // aborts every request still in flight
    m_scrapeTimer.stop();
    m_retryTimer.stop();
    m_statsTimer.stop();
    m_scrapeBusy = false;
    m_listed = {};
    m_nodes = {};
    m_unreachable.clear();
    m_lastMetrics.clear();
    m_stats.clear();
    m_l1FromStatus.clear();
    Q_EMIT nodesChanged();
    Q_EMIT statsChanged();
    setState(State::Disconnected, QStringLiteral("Not connected"));
}

void FleetConnection::refresh() {
    if (!m_session)
        return;
    fetchNodes();
    scrape();
}

void FleetConnection::noteForbidden() {
    if (m_viewer)
        return;
    m_viewer = true;
    Q_EMIT viewerDetected();
}

void FleetConnection::setState(State state, const QString &message) {
    if (state == m_state && message == m_message)
        return;
    m_state = state;
    m_message = message;
    Q_EMIT stateChanged(state, message);
}

void FleetConnection::fetchNodes() {
    if (!m_session)
        return;
    m_client->nodes(m_session, [this](const DaemonReply &reply) { takeNodes(reply, false); });
}

void FleetConnection::waitForChanges() {
    if (!m_session || !m_feedWorks)
        return;
    m_feedRunning = true;
    m_client->nodesAfter(
        m_nodes.index, kFeedWaitSeconds, m_session, [this](const DaemonReply &reply) {
            m_feedRunning = false;
            // A daemon that answers at once without news must not make us spin.
            if (reply.ok() && reply.elapsedMs < 500 &&
                reply.json.object().value(QLatin1String("index")).toInteger(-1) == m_nodes.index) {
                m_feedRunning = true;
                QTimer::singleShot(2000, m_session, [this] {
                    m_feedRunning = false;
                    waitForChanges();
                });
                return;
            }
            takeNodes(reply, true);
        });
}

void FleetConnection::takeNodes(const DaemonReply &reply, bool fromFeed) {
    if (!reply.ok()) {
        if (reply.problem == DaemonReply::Problem::Forbidden)
            noteForbidden();
        setState(State::Failed,
                 reply.problem == DaemonReply::Problem::NotFound
                     ? QStringLiteral("This daemon serves no node list (/api/nodes: 404).")
                     : reply.message);
        if (!m_retryTimer.isActive())
            m_retryTimer.start(fromFeed ? 1000 : 3000);
        return;
    }
    auto list = NodeListReader::read(reply.body);
    if (!list) {
        setState(State::Failed,
                 QStringLiteral("The daemon's node list is malformed: ") + list.error());
        return;
    }
    const bool changed = !(list.value() == m_listed);
    m_listed = std::move(list).value();
    m_lastUpdate = QDateTime::currentDateTime();
    setState(State::Connected,
             QStringLiteral("Connected to %1").arg(m_client->baseUrl().toDisplayString()));
    if (changed) {
        QStringList names;
        for (const FleetNode &node : m_listed.leaves())
            names << node.name;
        m_store->retainNodes(names);
    }
    if (showNodes())
        Q_EMIT nodesChanged();
    // A daemon without an index has no change feed: the scrape timer re-reads the list.
    m_feedWorks = m_nodes.index >= 0;
    if (m_feedWorks && !m_feedRunning)
        waitForChanges();
}

void FleetConnection::scrape() {
    if (!m_session || m_scrapeBusy)
        return;
    if (!m_feedWorks)
        fetchNodes();
    m_scrapeBusy = true;
    // Only the families the app reads: at 1,000 nodes ~1 MB instead of ~11 MB a refresh.
    static const QStringList families = FleetMetrics::families();
    m_client->fleetMetrics(families, m_session,
                           [this](const DaemonReply &reply) { takeMetrics(reply); });
    pollStatuses();
}

void FleetConnection::takeMetrics(const DaemonReply &reply) {
    if (!reply.ok()) {
        m_scrapeBusy = false;
        if (reply.problem != DaemonReply::Problem::NotFound)
            setState(State::Failed, reply.message);
        return;
    }
    // The daemon serves a round again within its reuse window (1 s): storing it twice would
    // put a zero-rate point in every chart. Skipping an identical answer is always safe:
    // counters are cumulative, so the next rate simply spans the longer interval.
    if (reply.body == m_lastMetrics) {
        m_scrapeBusy = false;
        ++m_scrapes;
        return;
    }
    m_lastMetrics = reply.body;
    // A thousand nodes' text takes milliseconds to read: off the GUI thread. The scrape stays
    // busy until the result is in, so slow reading never piles up work. A watcher belongs to
    // the session: after a disconnect its result is dropped.
    const qint64 atMs = m_clock();
    auto promise = std::make_shared<QPromise<FleetMetrics>>();
    auto *watcher = new QFutureWatcher<FleetMetrics>(m_session);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, atMs] {
        watcher->deleteLater();
        m_scrapeBusy = false;
        applyMetrics(atMs, watcher->result());
    });
    watcher->setFuture(promise->future());
    QThreadPool::globalInstance()->start([promise, body = reply.body] {
        promise->start();
        promise->addResult(FleetMetrics::read(body));
        promise->finish();
    });
}

void FleetConnection::applyMetrics(qint64 atMs, const FleetMetrics &metrics) {
    m_store->addScrape(atMs, metrics.charted);
    ++m_scrapes;
    m_lastUpdate = QDateTime::currentDateTime();
    QSet<QString> unreachable;
    for (auto it = metrics.up.cbegin(); it != metrics.up.cend(); ++it) {
        if (!it.value())
            unreachable.insert(it.key());
    }
    if (unreachable != m_unreachable) {
        m_unreachable = std::move(unreachable);
        if (showNodes())
            Q_EMIT nodesChanged();
    }
    scheduleStats();
}

void FleetConnection::scheduleStats() {
    if (!m_statsTimer.isActive())
        m_statsTimer.start();
}

bool FleetConnection::showNodes() {
    FleetNodeList shown = m_listed;
    const auto markDown = [this](FleetNode &node) {
        if (m_unreachable.contains(node.name))
            node.state = QStringLiteral("down");
    };
    for (FleetNode &proxy : shown.proxies) {
        markDown(proxy);
        for (FleetNode &child : proxy.children)
            markDown(child);
    }
    if (shown == m_nodes)
        return false;
    m_nodes = std::move(shown);
    return true;
}

void FleetConnection::pollStatuses() {
    const QList<FleetNode> leaves = m_nodes.leaves();
    if (leaves.isEmpty())
        return;
    const int count = qMin<int>(kStatusPollsPerTick, int(leaves.size()));
    for (int i = 0; i < count; ++i) {
        const QString name = leaves[(m_statusCursor + i) % leaves.size()].name;
        m_client->nodeGet(name, QStringLiteral("api/status"), m_session,
                          [this, name](const DaemonReply &r) { takeStatus(name, r, false); });
    }
    m_statusCursor = (m_statusCursor + count) % int(leaves.size());
}

void FleetConnection::takeStatus(const QString &node, const DaemonReply &reply, bool triedNewPath) {
    if (reply.problem == DaemonReply::Problem::NotFound && !triedNewPath) {
        m_client->nodeGet(node, QStringLiteral("status"), m_session,
                          [this, node](const DaemonReply &r) { takeStatus(node, r, true); });
        return;
    }
    const QJsonObject l1 = reply.json.object()
                               .value(QLatin1String("storage_manager"))
                               .toObject()
                               .value(QLatin1String("l1"))
                               .toObject();
    if (!reply.ok() || l1.isEmpty())
        return;
    m_l1FromStatus.insert(node, {l1.value(QLatin1String("memory_used_bytes")).toDouble(),
                                 l1.value(QLatin1String("memory_total_bytes")).toDouble()});
    scheduleStats();
}

void FleetConnection::recomputeStats() {
    QHash<QString, NodeStats> stats;
    for (const FleetNode &node : m_nodes.leaves()) {
        NodeStats s;
        if (m_unreachable.contains(node.name)) { // its last figures would be stale
            stats.insert(node.name, s);
            continue;
        }
        s.hitRate = m_store->latest(ChartKind::HitRate, node.name, kRateWindowMs);
        s.evictionsPerSecond = m_store->latest(ChartKind::EvictionRate, node.name, kRateWindowMs);
        s.requestsPerSecond = m_store->latest(ChartKind::RequestRate, node.name, kRateWindowMs);
        s.l1UsedBytes = m_store->latest(ChartKind::L1Usage, node.name, kRateWindowMs);
        if (const auto it = m_l1FromStatus.constFind(node.name); it != m_l1FromStatus.cend()) {
            if (!s.l1UsedBytes)
                s.l1UsedBytes = it->first;
            if (it->second > 0)
                s.l1TotalBytes = it->second;
        }
        stats.insert(node.name, s);
    }
    m_stats = std::move(stats);
    Q_EMIT statsChanged();
}

} // namespace lmcf
