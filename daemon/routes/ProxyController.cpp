#include "routes/ProxyController.h"

#include "auth/AuditLog.h"
#include "auth/Authorizer.h"
#include "http/PendingReply.h"
#include "proxy/NodeDirectory.h"
#include "proxy/ProxyEngine.h"

#include <QHttpServer>
#include <QRegularExpression>

namespace lmcf {

namespace {

QByteArray verb(QHttpServerRequest::Method method) {
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get:
        return QByteArrayLiteral("GET");
    case M::Post:
        return QByteArrayLiteral("POST");
    case M::Put:
        return QByteArrayLiteral("PUT");
    case M::Delete:
        return QByteArrayLiteral("DELETE");
    case M::Patch:
        return QByteArrayLiteral("PATCH");
    case M::Options:
        return QByteArrayLiteral("OPTIONS");
    case M::Head:
        return QByteArrayLiteral("HEAD");
    default:
        return {};
    }
}

// The node path as the node will see it after one round of percent-decoding.
QString decoded(const QByteArray &encodedPath) {
    return QString::fromUtf8(QByteArray::fromPercentEncoding(encodedPath));
}

QString normalised(const QString &path) {
    static const QRegularExpression slashes(QStringLiteral("[/\\\\]+"));
    QString out = path.toLower();
    out.replace(slashes, QStringLiteral("/"));
    while (out.size() > 1 && out.endsWith(u'/'))
        out.chop(1);
    return out;
}

} // namespace

ProxyController::ProxyController(const NodeDirectory &nodes, const Authorizer &authorizer,
                                 AuditLog &audit, ProxyEngine &engine, Settings settings,
                                 QObject *parent)
    : QObject(parent)
    , m_nodes(nodes)
    , m_authorizer(authorizer)
    , m_audit(audit)
    , m_engine(engine)
    , m_settings(std::move(settings)) {
    for (QString &path : m_settings.allowedNodePaths)
        path = normalised(path.startsWith(u'/') ? path : u'/' + path);
}

ProxyController::~ProxyController() = default;

void ProxyController::registerRoutes(QHttpServer &server) {
    server.route(
        QStringLiteral("/proxy2/<arg>/<arg>"),
        [this](const QString &, const QUrl &, const QHttpServerRequest &request,
               QHttpServerResponder &&responder) { handle(request, std::move(responder)); });
}

bool ProxyController::climbsUp(const QString &decodedPath) {
    static const QRegularExpression separators(QStringLiteral("[/\\\\]"));
    const QStringList segments = decodedPath.split(separators);
    return segments.contains(QStringLiteral(".."));
}

QString ProxyController::innermostPath(const QString &decodedPath) {
    static const QRegularExpression hop(QStringLiteral("^/proxy2/[^/]+(?=/|$)"));
    QString path = normalised(decodedPath);
    while (hop.match(path).hasMatch())
        path.remove(hop);
    return path.isEmpty() ? QStringLiteral("/") : path;
}

bool ProxyController::isSensitivePath(const QString &decodedPath) {
    const QString path = innermostPath(decodedPath);
    for (const QString &blocked : {QStringLiteral("/env"), QStringLiteral("/run_script")}) {
        if (path == blocked || path.startsWith(blocked + u'/'))
            return true;
    }
    return false;
}

void ProxyController::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder) {
    // Qt 6.4 answers a WebSocket upgrade itself (404, then closes) right after this handler
    // returns; WebSockets are not proxied, so the node must not see the request either.
    if (request.value(QByteArrayLiteral("connection")).toLower().contains("upgrade") &&
        request.value(QByteArrayLiteral("upgrade")).compare("websocket", Qt::CaseInsensitive) == 0)
        return;
    const QByteArray raw = request.url().path(QUrl::FullyEncoded).toLatin1();
    const QByteArray afterPrefix = raw.mid(qstrlen("/proxy2/"));
    const qsizetype slash = afterPrefix.indexOf('/');
    const QString node = decoded(slash < 0 ? afterPrefix : afterPrefix.left(slash));
    const QByteArray path = slash < 0 ? QByteArrayLiteral("/") : afterPrefix.mid(slash);
    const QString nodePath = decoded(path);
    const bool sensitive = isSensitivePath(nodePath);
    const QByteArray method = verb(request.method());

    const auto caller = m_authorizer.admit(request, responder,
                                           Authorizer::forNodeRequest(request.method(), sensitive));
    if (!caller)
        return;
    auto reply = PendingReply::make(std::move(responder), request);
    QByteArray target = path;
    if (request.url().hasQuery())
        target += '?' + request.url().query(QUrl::FullyEncoded).toLatin1();
    AuditEntry entry{*caller, request.remoteAddress().toString(), node,
                     method,  QString::fromLatin1(target),        0};
    const bool audited = method != "GET" && method != "HEAD";
    const auto answer = [&](int status, const QString &detail) {
        reply->sendError(status, detail);
        entry.status = status;
        if (audited)
            m_audit.record(entry);
    };
    if (method.isEmpty())
        return answer(405, QStringLiteral("method not proxied"));
    if (!request.url().isValid() || climbsUp(nodePath) || node.isEmpty())
        return answer(400, QStringLiteral("bad node path"));
    const auto base = m_nodes.baseUrlOf(node);
    if (!base)
        return answer(404, QStringLiteral("unknown node: %1").arg(node.left(200)));
    if (sensitive && !m_settings.allowedNodePaths.contains(innermostPath(nodePath)))
        return answer(403, QStringLiteral("%1 is blocked on nodes; the daemon must be started with "
                                          "--allow-node-path %1 to reach it")
                               .arg(innermostPath(nodePath).left(200)));

    ProxyRequest forwarded;
    forwarded.method = method;
    forwarded.target = target;
    forwarded.headers = request.headers();
    forwarded.body = request.body();
    forwarded.client = request.remoteAddress();
    forwarded.tls = request.url().scheme() == u"https";
    forwarded.http10 = reply->clientIsHttp10();
    if (m_nodes.isReachedThroughDashboard(node))
        forwarded.authorization = m_settings.upstreamAuthorization;
    m_engine.forward(node, *base, std::move(forwarded), reply,
                     [this, audited, entry](int status) mutable {
                         entry.status = status;
                         if (audited)
                             m_audit.record(entry);
                     });
}

} // namespace lmcf
