#pragma once

#include "core/Outcome.h"
#include "proxy/NodeDirectory.h"

#include <QHash>

namespace lmcf {

//! A fixed name → base URL table. Tests fill it directly; the daemon builds one from `--nodes`
//! until the registry-backed directory replaces it (TEMPORARY wiring, see DaemonApp).
class StaticNodeDirectory final : public NodeDirectory {
public:
    //! Adds or replaces a node. Only http and https URLs with a host are accepted.
    bool add(const QString &name, const QUrl &baseUrl);
    std::optional<QUrl> baseUrlOf(const QString &nodeName) const override;

    //! Parses `[{"name":"n1","host":"127.0.0.1","port":"8085"}]` (port an int or a numeric
    //! string), the `--nodes` shape of spec §2. Fails with a message on any bad entry.
    static Outcome<StaticNodeDirectory> fromNodesJson(const QByteArray &json);

private:
    QHash<QString, QUrl> m_nodes;
};

} // namespace lmcf
