#include "proxy/ProxyEngine.h"

#include "http/PendingReply.h"
#include "proxy/ProxyExchange.h"
#include "proxy/UpstreamPool.h"

namespace lmcf {

namespace {

// The request line and headers for the node: HTTP/1.1 with keep-alive.
QByteArray requestHead(const QUrl &url, const ProxyRequest &request,
                       const ForwardingHeaders::Client &client) {
    const bool tls = url.scheme() == u"https";
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (url.port() != -1 && url.port() != (tls ? 443 : 80))
        host += ':' + QByteArray::number(url.port());
    QByteArray out;
    out.reserve(512);
    out += request.method + ' ' + url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority) +
           " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const auto &[name, value] : ForwardingHeaders::toUpstream(request.headers, client))
        out += name + ": " + value + "\r\n";
    if (!request.authorization.isEmpty())
        out += "Authorization: " + request.authorization + "\r\n";
    const bool bodyMethod =
        request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
    if (!request.body.isEmpty() || bodyMethod)
        out += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    out += "\r\n";
    return out;
}
} // namespace

ProxyEngine::ProxyEngine(Settings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_pool(new UpstreamPool(m_settings.maxIdlePerNode, 30000, this)) {
    for (const QString &entry : m_settings.trustedProxies) {
        const auto subnet = QHostAddress::parseSubnet(entry);
        if (!subnet.first.isNull())
            m_trusted.append(subnet);
        else if (QHostAddress address(entry); !address.isNull())
            m_trusted.append(
                {address, address.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32});
    }
}

ProxyEngine::~ProxyEngine() = default;

bool ProxyEngine::isTrusted(const QHostAddress &peer) const {
    bool v4 = false;
    const QHostAddress plain(peer.toIPv4Address(&v4));
    const QHostAddress &address = v4 ? plain : peer;
    return std::any_of(m_trusted.begin(), m_trusted.end(),
                       [&](const auto &subnet) { return address.isInSubnet(subnet); });
}

Outcome<QUrl> ProxyEngine::upstreamUrl(const QUrl &base, const QByteArray &target) {
    using Result = Outcome<QUrl>;
    if (!target.startsWith('/'))
        return Result::failure(QStringLiteral("the node path must start with '/'"));
    QByteArray prefix = base.path(QUrl::FullyEncoded).toLatin1();
    while (prefix.endsWith('/'))
        prefix.chop(1);
    const QByteArray origin = base.toEncoded(QUrl::RemovePath | QUrl::RemoveQuery |
                                             QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    const QUrl url = QUrl::fromEncoded(origin + prefix + target, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != base.scheme() || url.host() != base.host() ||
        url.port() != base.port() || !url.userInfo().isEmpty())
        return Result::failure(QStringLiteral("not a valid path for the node"));
    return Result::success(url);
}

void ProxyEngine::forward(const QString &nodeName, const QUrl &baseUrl, ProxyRequest request,
                          std::shared_ptr<PendingReply> reply, std::function<void(int)> done) {
    const auto url = upstreamUrl(baseUrl, request.target);
    if (!url) {
        reply->sendError(400, url.error());
        if (done)
            done(400);
        return;
    }
    const ForwardingHeaders::Client client{request.client, request.tls, isTrusted(request.client)};
    ProxyExchange::Settings settings;
    settings.nodeName = nodeName;
    settings.baseUrl = baseUrl;
    settings.requestHead = requestHead(url.value(), request, client);
    settings.requestBody = request.body; // shared with the server's copy
    settings.connectTimeoutMs = m_settings.connectTimeoutMs;
    settings.readTimeoutMs = m_settings.readTimeoutMs;
    settings.headRequest = request.method == "HEAD";
    settings.retryable = request.method != "POST" && request.method != "PATCH";
    settings.clientHttp10 = request.http10;
    new ProxyExchange(*m_pool, std::move(reply), std::move(settings), std::move(done), this);
}

} // namespace lmcf
