#include "model/NodeState.h"

using namespace Qt::StringLiterals;

namespace lmcf::NodeStates {

QString toString(NodeState state) {
    switch (state) {
    case NodeState::Static:
        return u"static"_s;
    case NodeState::Alive:
        return u"alive"_s;
    case NodeState::Suspect:
        return u"suspect"_s;
    case NodeState::Down:
        return u"down"_s;
    }
    return u"static"_s;
}

std::optional<NodeState> fromString(const QString &text) {
    for (NodeState state :
         {NodeState::Static, NodeState::Alive, NodeState::Suspect, NodeState::Down}) {
        if (text == toString(state))
            return state;
    }
    return std::nullopt;
}

} // namespace lmcf::NodeStates
