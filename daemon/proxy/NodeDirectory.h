#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace lmcf {

//! The proxy's view of the fleet: which node names it may reach and at which base URL. Only
//! names this answers for are reachable; the proxy never builds an address from request data.
class NodeDirectory {
public:
    virtual ~NodeDirectory() = default;

    //! The http(s) base URL (scheme, host, port, optional path prefix) registered for
    //! `nodeName`, or nothing when no such node is known.
    virtual std::optional<QUrl> baseUrlOf(const QString &nodeName) const = 0;
    //! True when requests for `nodeName` go to another dashboard (a node proxy, or a leaf
    //! reached through one): only those carry the daemon's upstream token.
    virtual bool isReachedThroughDashboard(const QString & /*nodeName*/) const { return false; }
};

} // namespace lmcf
