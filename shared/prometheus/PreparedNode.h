#pragma once

#include "prometheus/NodeExposition.h"
#include "prometheus/PreparedFamily.h"

namespace lmcf {

//! One node's exposition, labelled and written once: every sample line carries the node's
//! `node` (and `proxy`) label exactly as MetricsMerger writes it, so a merge of prepared nodes
//! (MetricsMerger::mergePrepared) only decides types and headers and copies text. A node whose
//! scrape did not change can keep its PreparedNode from one round to the next.
struct PreparedNode {
    QString node;
    QString proxy;                  //!< empty: no proxy label
    QList<PreparedFamily> families; //!< the exposition's families, in its order

    //! Prepares `node` (any Exposition, as ExpositionParser produces; never fails). An input
    //! label called `node` (or `proxy` when the node has one) is renamed `exported_…` as the
    //! merger documents.
    static PreparedNode prepare(const NodeExposition &node);
    //! The bytes the prepared text holds (what keeping it costs).
    qsizetype textBytes() const;
};

} // namespace lmcf
