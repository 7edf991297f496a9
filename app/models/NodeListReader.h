#pragma once

#include "core/Outcome.h"
#include "models/FleetNode.h"

#include <QByteArray>

namespace lmcf {

//! Reads the daemon's `/api/nodes` answer into what the views show. Parsing is shared/api's
//! (ApiNodeJson::readNodes, the one reader of that shape, which also accepts the original
//! dashboard's answer); this only turns the node tree into display rows. An answer without
//! an `index` (the original dashboard, no change feed) gives index -1.
class NodeListReader final {
public:
    static Outcome<FleetNodeList> read(const QByteArray &json);
};

} // namespace lmcf
