#include "registry/NodeRegistry.h"

#include "discovery/HeartbeatQuery.h"
#include "discovery/SupplierConversion.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace lmcf {

NodeRegistry::NodeRegistry(QObject *parent)
    : NodeRegistry(Clock([] { return QDateTime::currentMSecsSinceEpoch(); }), parent) {}

NodeRegistry::NodeRegistry(Clock clock, QObject *parent)
    : QObject(parent)
    , m_clock(std::move(clock)) {}

NodeRegistry::~NodeRegistry() = default;

qint64 NodeRegistry::announcedIntervalMs(const QString &otherInfo) {
    const QJsonObject info = QJsonDocument::fromJson(otherInfo.toUtf8()).object();
    const QJsonValue value = info.value(u"heartbeat_interval"_s);
    bool ok = value.isDouble();
    double seconds = value.toDouble();
    if (value.isString())
        seconds = value.toString().toDouble(&ok);
    if (!ok || !(seconds > 0))
        return defaultIntervalMs;
    return static_cast<qint64>(std::clamp(seconds, 1.0, 86'400.0) * 1000.0);
}

qint64 NodeRegistry::ttlFor(const RegistryEntry &entry) const {
    return m_ttlOverride.value_or(3 * entry.intervalMs);
}

std::optional<NodeState> NodeRegistry::evaluate(const RegistryEntry &entry, qint64 now) const {
    const qint64 age = now - entry.lastReportMs;
    if (age > ttlFor(entry))
        return std::nullopt;
    // 1.5 × interval, in integers.
    if (2 * age > 3 * entry.intervalMs)
        return NodeState::Suspect;
    return NodeState::Alive;
}

void NodeRegistry::bump() {
    ++m_index;
    Q_EMIT changed(m_index);
}

NodeRegistry::HeartbeatResult NodeRegistry::recordHeartbeat(const Heartbeat &heartbeat,
                                                            const QString &clientAddress) {
    const qint64 now = m_clock();
    RegistryEntry incoming;
    incoming.apiAddress = heartbeat.apiAddress;
    incoming.pid = heartbeat.pid;
    incoming.version = heartbeat.version;
    incoming.otherInfo = heartbeat.otherInfo;
    incoming.clientAddress = clientAddress;
    incoming.startTimeMs = now;
    incoming.lastReportMs = now;
    incoming.intervalMs = announcedIntervalMs(heartbeat.otherInfo);
    return upsert(incoming);
}

NodeRegistry::HeartbeatResult NodeRegistry::mergeEntry(const RegistryEntry &entry) {
    RegistryEntry incoming = entry;
    // Another head node's clock may run ahead: a report from the future would never expire.
    incoming.lastReportMs = std::min(entry.lastReportMs, m_clock());
    if (incoming.intervalMs <= 0)
        incoming.intervalMs = defaultIntervalMs;
    return upsert(incoming);
}

NodeRegistry::HeartbeatResult NodeRegistry::upsert(const RegistryEntry &incoming) {
    const auto address = HeartbeatQuery::normaliseApiAddress(incoming.apiAddress);
    if (!address)
        return HeartbeatResult::Rejected;
    auto it = m_entries.find(address.value());
    const bool joined = it == m_entries.end();
    if (joined) {
        RegistryEntry fresh;
        fresh.apiAddress = address.value();
        fresh.startTimeMs = incoming.startTimeMs;
        it = m_entries.insert(address.value(), fresh);
    }
    RegistryEntry &entry = it.value();
    const bool updated =
        !joined && (entry.pid != incoming.pid || entry.version != incoming.version ||
                    entry.state != NodeState::Alive);
    entry.pid = incoming.pid;
    entry.version = incoming.version;
    entry.otherInfo = incoming.otherInfo;
    entry.clientAddress = incoming.clientAddress;
    entry.lastReportMs = incoming.lastReportMs;
    entry.intervalMs = incoming.intervalMs;
    entry.state = NodeState::Alive;
    if (joined || updated)
        bump();
    if (joined)
        return HeartbeatResult::Joined;
    return updated ? HeartbeatResult::Updated : HeartbeatResult::Refreshed;
}

int NodeRegistry::expire(Removal removal) {
    const qint64 now = m_clock();
    int changes = 0;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        auto state = evaluate(it.value(), now);
        if (!state && removal == Removal::External)
            state = NodeState::Suspect;
        if (!state) {
            it = m_entries.erase(it);
            ++changes;
            continue;
        }
        if (*state != it->state) {
            it->state = *state;
            ++changes;
        }
        ++it;
    }
    if (changes > 0)
        bump();
    return changes;
}

bool NodeRegistry::remove(const QString &apiAddress) {
    const auto address = HeartbeatQuery::normaliseApiAddress(apiAddress);
    if (!address || m_entries.remove(address.value()) == 0)
        return false;
    bump();
    return true;
}

void NodeRegistry::restore(const RegistryState &state) {
    const qint64 now = m_clock();
    m_entries.clear();
    m_index = std::max(m_index, state.index);
    for (RegistryEntry entry : state.entries) {
        const auto address = HeartbeatQuery::normaliseApiAddress(entry.apiAddress);
        if (!address)
            continue;
        entry.apiAddress = address.value();
        if (entry.intervalMs <= 0)
            entry.intervalMs = defaultIntervalMs;
        const auto state = evaluate(entry, now);
        if (!state)
            continue;
        entry.state = *state;
        m_entries.insert(entry.apiAddress, entry);
    }
    bump();
}

std::optional<RegistryEntry> NodeRegistry::entry(const QString &apiAddress) const {
    const auto address = HeartbeatQuery::normaliseApiAddress(apiAddress);
    if (!address)
        return std::nullopt;
    const auto it = m_entries.constFind(address.value());
    if (it == m_entries.cend())
        return std::nullopt;
    return it.value();
}

NodeTree NodeRegistry::tree() const {
    QList<ProxyNode> proxies;
    proxies.reserve(m_entries.size());
    // UTC: a local-time QDateTime costs a time-zone lookup each, and this runs per change.
    for (const RegistryEntry &entry : m_entries) {
        const auto address = NodeAddress::fromApiAddress(entry.apiAddress);
        if (!address)
            continue;
        const NodeStatus status{entry.state, entry.version,
                                QDateTime::fromMSecsSinceEpoch(entry.lastReportMs, Qt::UTC)};
        proxies.append(SupplierConversion::ownLeafProxy(address.value(), status));
    }
    // http and https on one host:port would share a name; the first (sorted) wins.
    return NodeTree::merged({NodeTree(proxies)});
}

} // namespace lmcf
