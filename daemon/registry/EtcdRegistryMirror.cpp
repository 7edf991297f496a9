#include "registry/EtcdRegistryMirror.h"

#include "registry/EtcdGateway.h"
#include "registry/EtcdNodeWriter.h"
#include "registry/NodeRegistry.h"

#include <QJsonDocument>
#include <QLoggingCategory>

#include <cmath>

using namespace Qt::StringLiterals;

namespace lmcf {

namespace {
Q_LOGGING_CATEGORY(lcEtcd, "lmcf.daemon.etcd")

std::optional<RegistryEntry> entryFrom(const QByteArray &value) {
    return RegistryEntry::fromJson(QJsonDocument::fromJson(value).object());
}
} // namespace

EtcdRegistryMirror::EtcdRegistryMirror(NodeRegistry *registry, EtcdGateway *gateway, EtcdKeys keys,
                                       QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_gateway(gateway)
    , m_keys(std::move(keys))
    , m_writer(new EtcdNodeWriter(gateway, m_keys, this))
    , m_problem(u"not synchronised with etcd yet"_s)
    , m_since(QDateTime::currentDateTimeUtc()) {
    m_retry.setSingleShot(true);
    m_createTimeout.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &EtcdRegistryMirror::synchronise);
    connect(&m_createTimeout, &QTimer::timeout, this, [this] {
        fail(u"the watch was not created within %1 ms"_s.arg(m_timing.createTimeoutMs));
    });
    connect(&m_probe, &QTimer::timeout, this, &EtcdRegistryMirror::probe);
    connect(m_gateway, &EtcdGateway::watchLine, this, &EtcdRegistryMirror::watchLine);
    connect(m_gateway, &EtcdGateway::watchEnded, this, &EtcdRegistryMirror::fail);
    connect(m_writer, &EtcdNodeWriter::written, this, &EtcdRegistryMirror::written);
    connect(m_writer, &EtcdNodeWriter::failed, this, &EtcdRegistryMirror::writeFailed);
}

EtcdRegistryMirror::~EtcdRegistryMirror() {
    m_gateway->stopWatch();
}

void EtcdRegistryMirror::start() {
    m_retryMs = m_timing.retryMinMs;
    synchronise();
}

void EtcdRegistryMirror::publish(const QString &apiAddress) {
    const auto entry = m_registry->entry(apiAddress);
    if (!entry)
        return;
    const bool known = m_pending.contains(entry->apiAddress);
    m_pending.insert(entry->apiAddress);
    m_deletes.remove(entry->apiAddress); // beating again: the put replaces any delete
    if (isAway()) {
        m_deferredWrites += known ? 0 : 1;
        return; // the next synchronisation sends it
    }
    const auto ttlS = qint64(std::ceil(double(m_registry->ttlFor(*entry)) / 1000.0));
    m_writer->publish(*entry, ttlS);
}

void EtcdRegistryMirror::remove(const QString &apiAddress) {
    m_pending.remove(apiAddress);
    m_writer->forget(apiAddress);
    m_deletes.insert(apiAddress);
    if (isAway()) {
        ++m_deferredWrites;
        return; // the next synchronisation sends it
    }
    sendDelete(apiAddress, {});
}

void EtcdRegistryMirror::sendDelete(const QString &apiAddress, const std::function<void()> &then) {
    m_gateway->call(QByteArrayLiteral("/v3/kv/deleterange"),
                    EtcdCodec::deleteRangeRequest(m_keys.nodeKey(apiAddress), {}), this,
                    [this, apiAddress, then](const EtcdGateway::Answer &answer) {
                        if (answer.ok()) {
                            m_deletes.remove(apiAddress);
                            if (then)
                                then();
                            return;
                        }
                        ++m_failedWrites;
                        fail(u"deleting "_s + apiAddress + u": "_s + answer.error);
                    });
}

void EtcdRegistryMirror::synchronise() {
    m_gateway->stopWatch();
    setPhase(Phase::Reading);
    const quint64 generation = ++m_generation;
    // Heartbeats kept while etcd was away go out first; applyRange spares them until written.
    for (const QString &address : QSet<QString>(m_pending)) {
        m_pending.remove(address);
        publish(address);
    }
    deleteThenRead(generation);
}

void EtcdRegistryMirror::deleteThenRead(quint64 generation) {
    // One by one, and all before the range read: a read etcd served before a delete would
    // bring the node back.
    if (!m_deletes.isEmpty()) {
        sendDelete(*m_deletes.cbegin(), [this, generation] {
            if (generation == m_generation && m_phase == Phase::Reading)
                deleteThenRead(generation);
        });
        return;
    }
    const QByteArray prefix = m_keys.nodesPrefix();
    m_writtenDuringRead.clear();
    m_gateway->call(QByteArrayLiteral("/v3/kv/range"),
                    EtcdCodec::rangeRequest(prefix, EtcdKeys::rangeEnd(prefix)), this,
                    [this, generation, prefix](const EtcdGateway::Answer &answer) {
                        if (generation != m_generation || m_phase != Phase::Reading)
                            return; // a newer attempt or a failure overtook this one
                        const auto range = answer.ok()
                                               ? EtcdCodec::parseRange(answer.body)
                                               : Outcome<EtcdCodec::Range>::failure(answer.error);
                        if (!range) {
                            fail(u"reading the registry: "_s + range.error());
                            return;
                        }
                        applyRange(range.value());
                        setPhase(Phase::Creating);
                        m_createTimeout.start(m_timing.createTimeoutMs);
                        m_gateway->watch(EtcdCodec::watchRequest(prefix, EtcdKeys::rangeEnd(prefix),
                                                                 range->revision + 1));
                    });
}

void EtcdRegistryMirror::applyRange(const EtcdCodec::Range &range) {
    QSet<QString> present;
    for (const EtcdCodec::KeyValue &kv : range.kvs) {
        const auto address = m_keys.apiAddressOf(kv.key);
        if (address && m_deletes.contains(*address))
            continue; // removed here: its delete is on its way
        applyEvent(EtcdCodec::Event{false, kv});
        if (address)
            present.insert(*address);
    }
    for (const RegistryEntry &entry : m_registry->snapshot()) {
        const QString &address = entry.apiAddress;
        if (!present.contains(address) && !m_pending.contains(address) &&
            !m_writer->isBusy(address) && !m_writtenDuringRead.contains(address))
            m_registry->remove(address);
    }
}

void EtcdRegistryMirror::watchLine(const QByteArray &line) {
    const auto message = EtcdCodec::parseWatchLine(line);
    if (!message) {
        fail(message.error());
        return;
    }
    if (message->canceled) {
        fail(u"etcd cancelled the watch: "_s + message->cancelReason);
        return;
    }
    if (message->created && m_phase == Phase::Creating) {
        m_createTimeout.stop();
        m_retryMs = m_timing.retryMinMs;
        m_problem.clear();
        ++m_syncs;
        setPhase(Phase::Watching);
        m_probe.start(m_timing.probeMs);
    }
    if (isCurrent())
        m_lastInStepMs = QDateTime::currentMSecsSinceEpoch();
    for (const EtcdCodec::Event &event : message->events)
        applyEvent(event);
}

void EtcdRegistryMirror::applyEvent(const EtcdCodec::Event &event) {
    const auto address = m_keys.apiAddressOf(event.kv.key);
    if (!address)
        return; // not a node key: someone else's data under our prefix
    if (event.deleted) {
        // A write of ours still on its way will put the node back: do not flicker.
        if (m_pending.contains(*address) || m_writer->isBusy(*address))
            return;
        m_registry->remove(*address);
        m_writer->forget(*address);
        return;
    }
    if (m_deletes.contains(*address))
        return; // removed here: an older put, its delete follows
    const auto entry = entryFrom(event.kv.value);
    if (!entry || entry->apiAddress != *address) {
        qCWarning(lcEtcd).noquote()
            << "ignoring an unreadable entry under" << QString::fromUtf8(event.kv.key);
        return;
    }
    // The echo of an older write of ours must not move the report time back.
    const auto local = m_registry->entry(*address);
    if (local && local->lastReportMs > entry->lastReportMs)
        return;
    m_registry->mergeEntry(*entry);
}

void EtcdRegistryMirror::written(const QString &apiAddress) {
    m_pending.remove(apiAddress);
    // etcd may have served the range read before this write yet answered it after: the
    // range cannot tell about this node, the watch (from the range's revision) will.
    m_writtenDuringRead.insert(apiAddress);
}

void EtcdRegistryMirror::writeFailed(const QString &apiAddress, const QString &why) {
    ++m_failedWrites;
    // Reached or not, the fleet's shared view lacks this node: degraded until it is written.
    fail(u"publishing "_s + apiAddress + u": "_s + why);
}

void EtcdRegistryMirror::probe() {
    if (!isCurrent()) {
        m_probe.stop();
        return;
    }
    // One key, no range_end: the cheapest read etcd serves through its leader path.
    m_gateway->call(QByteArrayLiteral("/v3/kv/range"),
                    EtcdCodec::rangeRequest(m_keys.nodesPrefix(), {}), this,
                    [this](const EtcdGateway::Answer &answer) {
                        if (!isCurrent())
                            return;
                        if (answer.ok())
                            m_lastInStepMs = QDateTime::currentMSecsSinceEpoch();
                        else
                            fail(u"liveness read: "_s + answer.error);
                    });
}

void EtcdRegistryMirror::fail(const QString &why) {
    m_probe.stop();
    m_createTimeout.stop();
    m_gateway->stopWatch();
    if (m_phase == Phase::Waiting)
        return; // already retrying: the first reason stays
    if (isCurrent())
        m_since = QDateTime::currentDateTimeUtc();
    // Each new reason is said once; retries failing the same way only at debug level.
    if (isCurrent() || why != m_problem)
        qCWarning(lcEtcd).noquote() << why << "- serving the last view, retrying";
    else
        qCDebug(lcEtcd).noquote() << why << "- retrying in" << m_retryMs << "ms";
    m_problem = why;
    setPhase(Phase::Waiting);
    m_retry.start(m_retryMs);
    m_retryMs = std::min(2 * m_retryMs, m_timing.retryMaxMs);
}

void EtcdRegistryMirror::setPhase(Phase phase) {
    const bool wasCurrent = isCurrent();
    m_phase = phase;
    if (wasCurrent == isCurrent())
        return;
    if (isCurrent())
        qCInfo(lcEtcd).noquote() << "in step with etcd at"
                                 << m_gateway->currentEndpoint().authority();
    Q_EMIT currentChanged(isCurrent());
}

QJsonObject EtcdRegistryMirror::health() const {
    QJsonObject health{{u"kind"_s, u"etcd"_s},
                       {u"state"_s, isCurrent() ? u"ok"_s : u"degraded"_s},
                       {u"endpoint"_s, m_gateway->currentEndpoint().authority()},
                       {u"prefix"_s, QString::fromLatin1(m_keys.prefix())}};
    if (!isCurrent()) {
        health.insert(u"reason"_s, m_problem);
        health.insert(u"since"_s, m_since.toString(Qt::ISODate));
    }
    return health;
}

} // namespace lmcf
