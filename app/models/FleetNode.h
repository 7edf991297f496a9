#pragma once

#include <QList>
#include <QString>

namespace lmcf {

//! One node of the daemon's `/api/nodes` answer (spec §2 plus the daemon's `state`,
//! `version`, `last_heartbeat`, `url`). Proxies carry their leaves in `children`.
struct FleetNode {
    QString id;
    QString name;
    QString host;
    int port = 0;
    bool isProxy = false;
    QString proxyId;
    QString state; //!< "alive", "suspect", "down", "static" or empty (original dashboards)
    QString version;
    QString lastHeartbeat;
    QString url;
    QList<FleetNode> children;

    QString address() const;
    bool operator==(const FleetNode &other) const;
};

//! The whole node list and the change-feed index it was read at.
struct FleetNodeList {
    qint64 index = -1;
    QList<FleetNode> proxies;

    //! Every node pages can be opened for: each proxy's children, or the proxy itself when it
    //! has none. Names are unique.
    QList<FleetNode> leaves() const;
    bool operator==(const FleetNodeList &other) const {
        return index == other.index && proxies == other.proxies;
    }
};

} // namespace lmcf
