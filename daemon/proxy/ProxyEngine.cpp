#include "proxy/ProxyEngine.h"

#include "http/PendingReply.h"
#include "proxy/ProxyExchange.h"
#include "proxy/UpstreamPool.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace lmcf {

namespace {
constexpr qint64 kUpstreamReadBuffer = 256 * 1024; // bounded memory per streamed answer

QNetworkRequest upstreamRequest(const QUrl &url, const ProxyRequest &request,
                                const ForwardingHeaders::Client &client) {
    QNetworkRequest out(url);
    out.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    // Cookies and credentials belong to the client; the shared managers must not keep any.
    out.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    out.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    out.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    out.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    out.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    out.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    bool hasEncoding = false;
    for (const auto &[name, value] : ForwardingHeaders::toUpstream(request.headers, client)) {
        hasEncoding = hasEncoding || name.compare("accept-encoding", Qt::CaseInsensitive) == 0;
        out.setRawHeader(name, value);
    }
    // Without this QNAM would ask for gzip and inflate it, breaking the forwarded length.
    if (!hasEncoding)
        out.setRawHeader(QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("identity"));
    return out;
}
} // namespace

ProxyEngine::ProxyEngine(Settings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_pool(new UpstreamPool(m_settings.managers, this)) {
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
    ForwardingHeaders::Client client{request.client, request.tls, isTrusted(request.client)};
    const QNetworkRequest upstream = upstreamRequest(url.value(), request, client);
    const QString hostKey = baseUrl.scheme() + u"://" + baseUrl.host() + u':' +
                            QString::number(baseUrl.port(baseUrl.scheme() == u"https" ? 443 : 80));
    const int slot = m_pool->acquire(hostKey);
    QNetworkAccessManager *manager = m_pool->manager(slot);
    QNetworkReply *sent = nullptr;
    if (request.method == "GET" && request.body.isEmpty())
        sent = manager->get(upstream);
    else if (request.method == "HEAD")
        sent = manager->head(upstream); // a custom "HEAD" would wait for a body
    else
        sent = manager->sendCustomRequest(upstream, request.method, request.body);
    sent->setReadBufferSize(kUpstreamReadBuffer);

    ProxyExchange::Settings settings;
    settings.nodeName = nodeName;
    settings.connectTimeoutMs = m_settings.connectTimeoutMs;
    settings.readTimeoutMs = m_settings.readTimeoutMs;
    settings.headRequest = request.method == "HEAD";
    settings.clientHttp10 = request.http10;
    new ProxyExchange(
        sent, std::move(reply), settings,
        [pool = QPointer<UpstreamPool>(m_pool), hostKey, slot, done = std::move(done)](int status) {
            if (pool)
                pool->release(hostKey, slot);
            if (done)
                done(status);
        },
        this);
}

} // namespace lmcf
