#pragma once

#include <QString>

#include <optional>

namespace lmcf {

//! Where a node's liveness comes from and what it is now.
//! `Static`: configured (`--config`, `--nodes`, CRUD), no heartbeat expected.
//! `Alive` / `Suspect`: heartbeating, on time / one interval late (see NodeRegistry).
//! `Down`: known but not answering (set by whoever probes it, e.g. the scraper).
enum class NodeState { Static, Alive, Suspect, Down };

namespace NodeStates {

//! "static", "alive", "suspect", "down" (the API's `state` field).
QString toString(NodeState state);

//! Inverse of toString(); nullopt on anything else.
std::optional<NodeState> fromString(const QString &text);

} // namespace NodeStates

} // namespace lmcf
