#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>

namespace lmcf {

//! The header rules of the reverse proxy (spec §2): hop-by-hop headers never cross it in either
//! direction, nor does anything the sender's `Connection:` header names.
namespace ForwardingHeaders {

using Headers = QList<QPair<QByteArray, QByteArray>>;

//! Who sent the request, for the X-Forwarded-* headers.
struct Client {
    QHostAddress address;
    bool tls = false;
    bool trusted = false; //!< its own X-Forwarded-* headers are believed (--trusted-proxy)
};

//! True for the spec §2 hop-by-hop set (case-insensitive).
bool isHopByHop(QByteArrayView name);

//! Headers for the node: hop-by-hop, Host, Content-Length, Expect, the daemon's own
//! Authorization and Proxy-Authorization removed; X-Forwarded-For/-Proto/-Host set (extended
//! from the client's own only when the client is trusted, otherwise replaced).
Headers toUpstream(const Headers &incoming, const Client &client);

//! Headers for the client: hop-by-hop, Content-Length and anything `Connection:` names removed
//! (the proxy frames the body itself).
Headers toClient(const Headers &upstream);

} // namespace ForwardingHeaders
} // namespace lmcf
