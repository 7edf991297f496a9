#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>

namespace lmcf::AdvertisedAddress {

//! The address a node is reached at, as announced in a heartbeat (spec §3):
//! `http://<host>:<port>` where host is `reportHost` when given, else `httpHost` when it names
//! one interface (`localhost` → 127.0.0.1), else — for a wildcard (`0.0.0.0`, `::`, empty) —
//! the first usable address of `localAddresses` (IPv4 preferred, then global IPv6; loopback and
//! link-local skipped), falling back to 127.0.0.1. Never announces a wildcard. IPv6 hosts are
//! bracketed. Pure: the caller passes the interface list (see detectLocalAddresses()).
QString build(const QString &reportHost, const QString &httpHost, int port,
              const QList<QHostAddress> &localAddresses);

//! The addresses of this machine's interfaces that are up (QNetworkInterface).
QList<QHostAddress> detectLocalAddresses();

//! True for `0.0.0.0`, `::`, `*` and empty: "listen on all interfaces".
bool isWildcard(const QString &host);

} // namespace lmcf::AdvertisedAddress
