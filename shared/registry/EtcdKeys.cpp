#include "registry/EtcdKeys.h"

#include "discovery/HeartbeatQuery.h"

#include <QUrl>

namespace lmcf {

EtcdKeys::EtcdKeys(QByteArray prefix)
    : m_prefix(std::move(prefix))
    , m_nodes(m_prefix + QByteArrayLiteral("/nodes/")) {}

QByteArray EtcdKeys::nodeKey(const QString &apiAddress) const {
    return m_nodes + QUrl::toPercentEncoding(apiAddress);
}

std::optional<QString> EtcdKeys::apiAddressOf(const QByteArray &key) const {
    if (!key.startsWith(m_nodes) || key.size() == m_nodes.size())
        return std::nullopt;
    const QString address = QUrl::fromPercentEncoding(key.mid(m_nodes.size()));
    const auto normalised = HeartbeatQuery::normaliseApiAddress(address);
    if (!normalised)
        return std::nullopt;
    return normalised.value();
}

QByteArray EtcdKeys::rangeEnd(const QByteArray &prefix) {
    QByteArray end = prefix;
    while (!end.isEmpty()) {
        const auto last = static_cast<unsigned char>(end.back());
        if (last < 0xff) {
            end.back() = static_cast<char>(last + 1);
            return end;
        }
        end.chop(1);
    }
    return QByteArray(1, '\0');
}

} // namespace lmcf
