#include "registry/EtcdNodeWriter.h"

#include "registry/EtcdCodec.h"
#include "registry/EtcdGateway.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace lmcf {

EtcdNodeWriter::EtcdNodeWriter(EtcdGateway *gateway, EtcdKeys keys, QObject *parent)
    : QObject(parent)
    , m_gateway(gateway)
    , m_keys(std::move(keys)) {}

EtcdNodeWriter::~EtcdNodeWriter() = default;

void EtcdNodeWriter::publish(const RegistryEntry &entry, qint64 ttlS) {
    Node &node = m_nodes[entry.apiAddress];
    if (node.busy) {
        node.nextEntry = entry;
        node.nextTtlS = ttlS;
        return;
    }
    write(entry, std::max<qint64>(1, ttlS));
}

bool EtcdNodeWriter::isBusy(const QString &apiAddress) const {
    return m_nodes.value(apiAddress).busy;
}

void EtcdNodeWriter::forget(const QString &apiAddress) {
    if (!isBusy(apiAddress))
        m_nodes.remove(apiAddress);
}

void EtcdNodeWriter::write(const RegistryEntry &entry, qint64 ttlS) {
    Node &node = m_nodes[entry.apiAddress];
    node.busy = true;
    if (node.lease == 0 || node.ttlS != ttlS) {
        grantThenPut(entry, ttlS);
        return;
    }
    m_gateway->call(QByteArrayLiteral("/v3/lease/keepalive"),
                    EtcdCodec::keepAliveRequest(node.lease), this,
                    [this, entry, ttlS](const EtcdGateway::Answer &answer) {
                        const auto left = answer.ok() ? EtcdCodec::parseKeepAlive(answer.body)
                                                      : Outcome<qint64>::failure(answer.error);
                        if (!left)
                            finish(entry.apiAddress, u"lease keepalive: "_s + left.error());
                        else if (left.value() > 0)
                            put(entry, true);
                        else
                            grantThenPut(entry, ttlS); // the lease ran out: the key went with it
                    });
}

void EtcdNodeWriter::grantThenPut(const RegistryEntry &entry, qint64 ttlS) {
    m_gateway->call(QByteArrayLiteral("/v3/lease/grant"), EtcdCodec::grantRequest(ttlS), this,
                    [this, entry, ttlS](const EtcdGateway::Answer &answer) {
                        const auto lease = answer.ok()
                                               ? EtcdCodec::parseGrant(answer.body)
                                               : Outcome<EtcdCodec::Lease>::failure(answer.error);
                        if (!lease) {
                            finish(entry.apiAddress, u"lease grant: "_s + lease.error());
                            return;
                        }
                        ++m_grants;
                        Node &node = m_nodes[entry.apiAddress];
                        node.lease = lease->id;
                        node.ttlS = ttlS;
                        put(entry, false);
                    });
}

void EtcdNodeWriter::put(const RegistryEntry &entry, bool retryGrant) {
    const Node &node = m_nodes[entry.apiAddress];
    const QByteArray value = QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact);
    const qint64 ttlS = node.ttlS;
    m_gateway->call(QByteArrayLiteral("/v3/kv/put"),
                    EtcdCodec::putRequest(m_keys.nodeKey(entry.apiAddress), value, node.lease),
                    this, [this, entry, retryGrant, ttlS](const EtcdGateway::Answer &answer) {
                        if (answer.ok()) {
                            finish(entry.apiAddress, {});
                            return;
                        }
                        const auto error = EtcdCodec::parseError(answer.body);
                        if (retryGrant && error && error->code == EtcdCodec::notFoundCode) {
                            grantThenPut(entry, ttlS); // expired between keepalive and put
                            return;
                        }
                        finish(entry.apiAddress, u"put: "_s + answer.error);
                    });
}

void EtcdNodeWriter::finish(const QString &apiAddress, const QString &error) {
    Node &node = m_nodes[apiAddress];
    node.busy = false;
    std::optional<RegistryEntry> next = std::exchange(node.nextEntry, std::nullopt);
    if (!error.isEmpty()) {
        // The caller keeps the node pending and publishes its newest entry when etcd is back.
        Q_EMIT failed(apiAddress, error);
        return;
    }
    if (next) {
        write(*next, std::max<qint64>(1, node.nextTtlS));
        return;
    }
    Q_EMIT written(apiAddress);
}

} // namespace lmcf
