#pragma once

#include "prometheus/MergeProblem.h"

#include <QList>

namespace lmcf {

//! The merged exposition as text 0.0.4 (ready to serve as `/metrics`) and what was resolved
//! or dropped on the way.
struct MergeResult {
    QByteArray text; //!< empty from MetricsMerger::mergePreparedPieces (see `pieces`)
    //! From MetricsMerger::mergePreparedPieces only: the text as consecutive non-empty parts,
    //! most of them shared with the prepared nodes (not copied).
    QList<QByteArray> pieces;
    QList<MergeProblem> problems;
    qsizetype sampleCount = 0; //!< samples written, extras included
};

} // namespace lmcf
