#pragma once

#include "model/NodeTree.h"

namespace lmcf {

//! A node tree as read back from the daemon, with the registry change index it was taken at.
struct ApiNodeList {
    NodeTree tree;
    //! 0 when the answer had no "index" (the original dashboard).
    quint64 index = 0;
};

} // namespace lmcf
