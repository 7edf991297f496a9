#pragma once

#include "core/Outcome.h"
#include "discovery/Heartbeat.h"

#include <QUrl>
#include <QUrlQuery>

namespace lmcf::HeartbeatQuery {

//! `heartbeatUrl` with `api_address`, `pid`, `version`, `other_info` added to its query, exactly
//! as the original agent sends them (spec §1). Keys already in `heartbeatUrl` (e.g. a token) stay.
QUrl encode(const QUrl &heartbeatUrl, const Heartbeat &heartbeat);

//! Parses a received heartbeat query. Fails with a message naming the field when `api_address`
//! is missing or not an http(s) URL with a host (userinfo, path, query or fragment are
//! refused: the address is later proxied to, so it must be exactly a base URL). A bad `pid`
//! becomes nullopt, never an error. `other_info` is kept as the raw string.
Outcome<Heartbeat> decode(const QUrlQuery &query);

//! Normalises an API base address: lower-case scheme and host, no trailing slash, IPv6 hosts in
//! brackets. Fails (with the reason) on anything that is not a plain http(s) base URL.
Outcome<QString> normaliseApiAddress(const QString &address);

} // namespace lmcf::HeartbeatQuery
