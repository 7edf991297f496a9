#pragma once

#include "proxy/NodeDirectory.h"

#include <QHash>

namespace lmcf {

//! A fixed name → base URL table, for tests of the proxy (the daemon resolves through its
//! NodeCatalog).
class StaticNodeDirectory final : public NodeDirectory {
public:
    //! Adds or replaces a node. Only http and https URLs with a host are accepted.
    bool add(const QString &name, const QUrl &baseUrl);
    std::optional<QUrl> baseUrlOf(const QString &nodeName) const override;

private:
    QHash<QString, QUrl> m_nodes;
};

} // namespace lmcf
