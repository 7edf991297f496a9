#include "proxy/ForwardingHeaders.h"

#include <QSet>

namespace lmcf::ForwardingHeaders {

namespace {

const QByteArray kForwardedFor = QByteArrayLiteral("x-forwarded-for");
const QByteArray kForwardedProto = QByteArrayLiteral("x-forwarded-proto");
const QByteArray kForwardedHost = QByteArrayLiteral("x-forwarded-host");

// Header names listed in any Connection: header are hop-by-hop for this message (RFC 9110 7.6.1).
QSet<QByteArray> namedInConnection(const Headers &headers) {
    QSet<QByteArray> names;
    for (const auto &[name, value] : headers) {
        if (name.compare("connection", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &token : value.split(','))
            names.insert(token.trimmed().toLower());
    }
    return names;
}

QByteArray first(const Headers &headers, QByteArrayView name) {
    for (const auto &[n, v] : headers) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

} // namespace

bool isHopByHop(QByteArrayView name) {
    static const QByteArrayView kHopByHop[] = {
        "connection",          "keep-alive", "proxy-authenticate",
        "proxy-authorization", "te",         "trailers",
        "transfer-encoding",   "upgrade",    "proxy-connection"};
    for (QByteArrayView hop : kHopByHop) {
        if (name.compare(hop, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

Headers toUpstream(const Headers &incoming, const Client &client) {
    static const QByteArrayView kDropped[] = {"host", "content-length", "expect", "authorization"};
    const QSet<QByteArray> connectionNamed = namedInConnection(incoming);
    Headers out;
    out.reserve(incoming.size() + 3);
    for (const auto &[name, value] : incoming) {
        const QByteArray lower = name.toLower();
        if (isHopByHop(lower) || connectionNamed.contains(lower) || lower == kForwardedFor ||
            lower == kForwardedProto || lower == kForwardedHost)
            continue;
        if (std::any_of(std::begin(kDropped), std::end(kDropped),
                        [&](QByteArrayView d) { return lower == d; }))
            continue;
        out.append({name, value});
    }
    const QByteArray address = client.address.toString().toLatin1();
    const QByteArray priorFor = client.trusted ? first(incoming, kForwardedFor) : QByteArray();
    out.append({QByteArrayLiteral("X-Forwarded-For"),
                priorFor.isEmpty() ? address : priorFor + ", " + address});
    QByteArray proto = client.trusted ? first(incoming, kForwardedProto) : QByteArray();
    if (proto.isEmpty())
        proto = client.tls ? QByteArrayLiteral("https") : QByteArrayLiteral("http");
    out.append({QByteArrayLiteral("X-Forwarded-Proto"), proto});
    QByteArray host = client.trusted ? first(incoming, kForwardedHost) : QByteArray();
    if (host.isEmpty())
        host = first(incoming, "host");
    if (!host.isEmpty())
        out.append({QByteArrayLiteral("X-Forwarded-Host"), host});
    return out;
}

Headers toClient(const Headers &upstream) {
    const QSet<QByteArray> connectionNamed = namedInConnection(upstream);
    Headers out;
    out.reserve(upstream.size());
    for (const auto &[name, value] : upstream) {
        const QByteArray lower = name.toLower();
        if (isHopByHop(lower) || connectionNamed.contains(lower) || lower == "content-length")
            continue;
        out.append({name, value});
    }
    return out;
}

} // namespace lmcf::ForwardingHeaders
