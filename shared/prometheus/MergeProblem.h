#pragma once

#include <QByteArray>
#include <QString>

namespace lmcf {

//! Something the merger had to resolve or drop: which node, which family (empty when the whole
//! node was skipped), and what happened, in words for an operator's log.
struct MergeProblem {
    QString node;
    QByteArray family;
    QString what;
};

} // namespace lmcf
