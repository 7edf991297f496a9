#pragma once

#include "prometheus/MergeResult.h"
#include "prometheus/NodeExposition.h"
#include "prometheus/PreparedNode.h"

#include <functional>
#include <memory>

namespace lmcf {

//! Turns N nodes' expositions into one valid text 0.0.4 exposition (passes
//! `promtool check metrics` without errors; lint remarks can only come from the inputs' names):
//! - One HELP/UNIT/TYPE per family; a family's samples from all nodes are written together,
//!   families in order of first appearance (node order, then each node's family order).
//!   HELP and UNIT come from the first node that has them.
//! - Every sample gets `node="<name>"` as its first label, then `proxy="<proxy>"` when the node
//!   has one (a vLLM process behind its node's proxy); an input label already called `node` (or
//!   `proxy`, when one is added) is renamed `exported_node` (`exported_exported_node` if that is
//!   taken too, ...).
//! - Counters follow 0.0.4 naming: the family is named like its samples (`foo_total`), which
//!   ExpositionParser already guarantees for OpenMetrics input.
//! - Type conflicts between nodes: the declared type most nodes give wins, ties go to the type
//!   of the earliest node among the tied ones; untyped only wins when no node declares a type,
//!   and an untyped node whose samples all fit is not reported. Each node with another type gets a
//!   problem; its samples that fit the chosen type are kept (e.g. gauge `foo` under counter `foo`),
//!   the others dropped and counted in that problem.
//! - `extra` families (the daemon's own, with whatever labels they carry, no node label added)
//!   are appended last; an extra family whose name a node already uses is dropped and reported.
class MetricsMerger final {
public:
    //! Which node families a merge keeps (false: as if the nodes did not have the family).
    using FamilyFilter = std::function<bool(const QByteArray &name, MetricType type)>;

    static MergeResult merge(const QList<NodeExposition> &nodes, const Exposition &extra = {});

    //! merge() of nodes prepared beforehand (PreparedNode::prepare), e.g. on other threads or in
    //! an earlier round: the same text and problems, the nodes' prepared lines only copied.
    //! Null entries are skipped. `wanted` (when set) drops node families before anything else.
    static MergeResult mergePrepared(const QList<std::shared_ptr<const PreparedNode>> &nodes,
                                     const Exposition &extra = {}, const FamilyFilter &wanted = {});
    //! mergePrepared() without joining the text: `pieces` holds it in order, most pieces the
    //! nodes' prepared lines themselves, so a fleet's worth of text is never copied whole.
    static MergeResult mergePreparedPieces(const QList<std::shared_ptr<const PreparedNode>> &nodes,
                                           const Exposition &extra = {},
                                           const FamilyFilter &wanted = {});

    //! Parses each text first; a node whose text fails to parse is skipped and reported
    //! (problem with empty family and the parser's error), the others are merged.
    static MergeResult mergeText(const QList<NodeText> &nodes, const Exposition &extra = {});
};

} // namespace lmcf
