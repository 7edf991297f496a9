#pragma once

#include "core/Outcome.h"
#include "proxy/ForwardingHeaders.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

namespace lmcf {

class PendingReply;
class UpstreamPool;

//! A request for a node, copied out of the server's request object (Qt reuses that object for
//! the connection's next request, qt64-notes).
struct ProxyRequest {
    QByteArray method;
    QByteArray target; //!< path and query for the node, fully encoded, starting with '/'
    ForwardingHeaders::Headers headers;
    QByteArray body;
    QHostAddress client;
    bool tls = false;
    bool http10 = false;
    //! `Authorization` value the daemon itself presents to the node (the upstream token, for a
    //! node proxy only); the client's own Authorization never crosses. Empty: none.
    QByteArray authorization = {};
};

//! The streaming, pooled reverse proxy: sends a request to a node's registered base URL over a
//! keep-alive pool (UpstreamPool) and streams the answer back through a PendingReply
//! (ProxyExchange). Runs on the daemon's thread; the node requests are HTTP/1.1.
class ProxyEngine final : public QObject {
    Q_OBJECT
public:
    struct Settings {
        int connectTimeoutMs = 5000;
        int readTimeoutMs = 60000;
        QStringList trustedProxies; //!< addresses or subnets (10.0.0.0/8) trusted for X-Forwarded-*
        int maxIdlePerNode = 64;    //!< keep-alive connections kept per node
    };

    explicit ProxyEngine(Settings settings, QObject *parent = nullptr);
    ~ProxyEngine() override;

    //! Forwards `request` to `baseUrl` + request.target and answers `reply`; `done` gets the
    //! status the client saw (0 when the client left first). Never follows redirects.
    void forward(const QString &nodeName, const QUrl &baseUrl, ProxyRequest request,
                 std::shared_ptr<PendingReply> reply, std::function<void(int status)> done);

    //! `base` (scheme, host, port, optional path prefix) joined with `target` byte for byte;
    //! fails unless the result still points at base's scheme, host and port.
    static Outcome<QUrl> upstreamUrl(const QUrl &base, const QByteArray &target);

    bool isTrusted(const QHostAddress &peer) const;

private:
    Settings m_settings;
    QList<QPair<QHostAddress, int>> m_trusted;
    UpstreamPool *m_pool;
};

} // namespace lmcf
