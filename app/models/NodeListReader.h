#pragma once

#include "core/Outcome.h"
#include "models/FleetNode.h"

#include <QByteArray>
#include <QJsonDocument>

namespace lmcf {

//! Reads the daemon's `/api/nodes` document. Unknown fields are ignored; `port` may be a number
//! or a numeric string (as the original accepts); a child without a `proxy_id` gets its
//! parent's. Errors name the first bad entry ("nodes[2]: no name").
class NodeListReader final {
public:
    static Outcome<FleetNodeList> read(const QJsonDocument &document);
    static Outcome<FleetNodeList> read(const QByteArray &json);
};

} // namespace lmcf
