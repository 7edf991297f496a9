#pragma once

#include "plugin/PluginConfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace lmcf::NodeReport {

//! The version a node reports: the body of `GET /version` is a JSON string such as
//! `"0.3.9-abc1234"`; quotes and whitespace are stripped. Empty, non-text or oversized
//! bodies give `1.0.0`, the original agent's default.
QString versionFromBody(const QByteArray &body);

//! `other_info` (a compact JSON object): `startup_time` (local `YYYY-MM-DDTHH:MM:SS`),
//! `heartbeat_interval` in seconds (the registry derives the node TTL from it), and a summary
//! of the node's config when known: `l1_size_bytes`, `eviction_policy`, `chunk_size`,
//! `hash_algorithm`.
QString otherInfo(const PluginConfig &config, const QDateTime &startupTime);

} // namespace lmcf::NodeReport
