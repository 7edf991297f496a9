#include "proxy/StaticNodeDirectory.h"

namespace lmcf {

bool StaticNodeDirectory::add(const QString &name, const QUrl &baseUrl) {
    if (name.isEmpty() || !baseUrl.isValid() || baseUrl.host().isEmpty() ||
        (baseUrl.scheme() != u"http" && baseUrl.scheme() != u"https"))
        return false;
    m_nodes.insert(name, baseUrl);
    return true;
}

std::optional<QUrl> StaticNodeDirectory::baseUrlOf(const QString &nodeName) const {
    const auto it = m_nodes.constFind(nodeName);
    if (it == m_nodes.constEnd())
        return std::nullopt;
    return *it;
}

} // namespace lmcf
