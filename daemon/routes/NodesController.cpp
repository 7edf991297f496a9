#include "routes/NodesController.h"

#include "api/ApiNodeJson.h"
#include "api/ApiNodeRequests.h"
#include "auth/AuditLog.h"
#include "auth/Authorizer.h"
#include "http/PendingReply.h"
#include "model/NodeName.h"
#include "registry/NodeCatalog.h"
#include "routes/NodeWatchers.h"

#include <QHttpServer>
#include <QJsonObject>
#include <QRegularExpression>

namespace lmcf {

namespace {

const QByteArray kJson = QByteArrayLiteral("application/json");
using Method = QHttpServerRequest::Method;

} // namespace

NodesController::NodesController(NodeCatalog *catalog, const Authorizer &authorizer,
                                 AuditLog &audit, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_authorizer(authorizer)
    , m_audit(audit)
    , m_watchers(std::make_unique<NodeWatchers>(catalog)) {}

NodesController::~NodesController() = default;

std::optional<int> NodesController::parseWaitMs(const QString &text) {
    static const QRegularExpression pattern(QStringLiteral("^([0-9]+(?:\\.[0-9]+)?)(ms|s|m)?$"));
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const double value = match.captured(1).toDouble();
    const QString unit = match.captured(2);
    const double ms = unit == u"ms" ? value : unit == u"m" ? value * 60'000 : value * 1000;
    return int(qMin<double>(ms, NodeWatchers::maxWaitMs));
}

void NodesController::registerRoutes(QHttpServer &server) {
    const auto view = [this](auto handler) {
        return m_authorizer.guard(Permission::View, std::move(handler));
    };
    server.route(QStringLiteral("/api/nodes"), Method::Get,
                 view([this](const QHttpServerRequest &request, QHttpServerResponder &&responder,
                             const Caller &) { listNodes(request, std::move(responder)); }));
    server.route(
        QStringLiteral("/api/proxies"), Method::Get,
        view([this](const QHttpServerRequest &, QHttpServerResponder &&responder, const Caller &) {
            PendingReply reply(std::move(responder));
            reply.send(200, ApiNodeJson::writeProxies(m_catalog->tree(), m_catalog->index()),
                       kJson);
        }));
    server.route(QStringLiteral("/api/proxies/<arg>/nodes"), Method::Get,
                 [this](const QString &proxy, const QHttpServerRequest &request,
                        QHttpServerResponder &&responder) {
                     if (!m_authorizer.admit(request, responder, Permission::View))
                         return;
                     PendingReply reply(std::move(responder));
                     const NodeTree tree = m_catalog->tree();
                     if (const ProxyNode *found = tree.proxy(proxy))
                         reply.send(200, ApiNodeJson::writeProxyNodes(*found, m_catalog->index()),
                                    kJson);
                     else
                         reply.sendError(404, QStringLiteral("proxy not found: %1").arg(proxy));
                 });
    server.route(
        QStringLiteral("/api/events"), Method::Get,
        view([this](const QHttpServerRequest &, QHttpServerResponder &&responder, const Caller &) {
            m_watchers->subscribe(PendingReply::make(std::move(responder)));
        }));
    registerEditRoutes(server);
}

void NodesController::registerEditRoutes(QHttpServer &server) {
    server.route(QStringLiteral("/api/proxies"), Method::Post,
                 m_authorizer.guard(Permission::Operate,
                                    [this](const QHttpServerRequest &request,
                                           QHttpServerResponder &&responder, const Caller &caller) {
                                        const int status = addProxy(request, std::move(responder));
                                        audit(request, caller, "POST", status);
                                    }));
    // The edits with one path argument: the operator role first, then the edit, then the audit.
    const auto operatorEdit = [this](const char *method, auto edit) {
        return [this, method, edit](const QString &argument, const QHttpServerRequest &request,
                                    QHttpServerResponder &&responder) {
            const auto caller = m_authorizer.admit(request, responder, Permission::Operate);
            if (!caller)
                return;
            const int status = edit(argument, request, std::move(responder));
            audit(request, *caller, method, status);
        };
    };
    server.route(
        QStringLiteral("/api/proxies/<arg>/nodes"), Method::Post,
        operatorEdit("POST", [this](const QString &proxy, const QHttpServerRequest &request,
                                    QHttpServerResponder &&responder) {
            return addNode(proxy, request, std::move(responder));
        }));
    server.route(QStringLiteral("/api/nodes/<arg>"), Method::Put,
                 operatorEdit("PUT", [this](const QString &name, const QHttpServerRequest &request,
                                            QHttpServerResponder &&responder) {
                     return updateNode(name, request, std::move(responder));
                 }));
    server.route(QStringLiteral("/api/nodes/<arg>"), Method::Delete,
                 operatorEdit("DELETE", [this](const QString &name, const QHttpServerRequest &,
                                               QHttpServerResponder &&responder) {
                     return removeNode(name, std::move(responder));
                 }));
}

void NodesController::audit(const QHttpServerRequest &request, const Caller &caller,
                            const QByteArray &method, int status) {
    AuditEntry entry;
    entry.caller = caller;
    entry.client = request.remoteAddress().toString();
    entry.method = method;
    entry.path = request.url().path(QUrl::FullyEncoded);
    if (request.url().hasQuery())
        entry.path += u'?' + request.url().query(QUrl::FullyEncoded);
    entry.status = status;
    m_audit.record(entry);
}

void NodesController::listNodes(const QHttpServerRequest &request,
                                QHttpServerResponder &&responder) {
    auto reply = PendingReply::make(std::move(responder));
    const auto answer = [this](PendingReply &r) {
        r.send(200, ApiNodeJson::writeNodes(m_catalog->tree(), m_catalog->index()), kJson);
    };
    const QUrlQuery query(request.url());
    if (!query.hasQueryItem(QStringLiteral("index")))
        return answer(*reply);
    bool ok = false;
    const quint64 index = query.queryItemValue(QStringLiteral("index")).toULongLong(&ok);
    if (!ok)
        return reply->sendError(400, QStringLiteral("index: expected a whole number, got \"%1\"")
                                         .arg(query.queryItemValue(QStringLiteral("index"))));
    int waitMs = 30'000;
    if (query.hasQueryItem(QStringLiteral("wait"))) {
        const QString text = query.queryItemValue(QStringLiteral("wait"));
        const auto parsed = parseWaitMs(text);
        if (!parsed)
            return reply->sendError(
                400, QStringLiteral("wait: expected a duration such as 30s, 500ms or 2m, "
                                    "got \"%1\"")
                         .arg(text.left(100)));
        waitMs = *parsed;
    }
    if (m_catalog->index() != index || waitMs == 0)
        return answer(*reply);
    m_watchers->wait(std::move(reply), waitMs, answer);
}

int NodesController::answerEdit(PendingReply &reply, NodeCatalog::Edit edit, const QString &name,
                                int successStatus) {
    switch (edit) {
    case NodeCatalog::Edit::Done:
        reply.sendJson(successStatus, QJsonDocument(QJsonObject{
                                          {QStringLiteral("status"), QStringLiteral("success")},
                                          {QStringLiteral("name"), name},
                                          {QStringLiteral("index"), qint64(m_catalog->index())}}));
        return successStatus;
    case NodeCatalog::Edit::NotFound:
        return fail(reply, 404, QStringLiteral("not found: %1").arg(name));
    case NodeCatalog::Edit::NameTaken:
        return fail(reply, 409, QStringLiteral("name already in use: %1").arg(name));
    case NodeCatalog::Edit::ReadOnly:
        return fail(reply, 409,
                    QStringLiteral("%1 comes from discovery (supplier or another dashboard) and "
                                   "cannot be edited")
                        .arg(name));
    }
    return fail(reply, 500, QStringLiteral("unexpected edit result"));
}

int NodesController::fail(PendingReply &reply, int status, const QString &detail) {
    reply.sendError(status, detail);
    return status;
}

int NodesController::addProxy(const QHttpServerRequest &request, QHttpServerResponder &&responder) {
    PendingReply reply(std::move(responder));
    const auto proxy = ApiNodeRequests::parseAddProxy(request.body());
    if (!proxy)
        return fail(reply, 400, proxy.error());
    return answerEdit(reply, m_catalog->addProxy(proxy.value()), proxy->name, 201);
}

int NodesController::addNode(const QString &proxy, const QHttpServerRequest &request,
                             QHttpServerResponder &&responder) {
    PendingReply reply(std::move(responder));
    if (!m_catalog->tree().proxy(proxy))
        return fail(reply, 404, QStringLiteral("proxy not found: %1").arg(proxy));
    const auto leaf = ApiNodeRequests::parseAddNode(request.body(), proxy);
    if (!leaf)
        return fail(reply, 400, leaf.error());
    return answerEdit(reply, m_catalog->addLeaf(proxy, leaf.value()), leaf->name, 201);
}

int NodesController::updateNode(const QString &name, const QHttpServerRequest &request,
                                QHttpServerResponder &&responder) {
    PendingReply reply(std::move(responder));
    if (!m_catalog->tree().contains(name))
        return fail(reply, 404, QStringLiteral("not found: %1").arg(name));
    const auto patch = ApiNodeRequests::parseUpdate(request.body());
    if (!patch)
        return fail(reply, 400, patch.error());
    const NodeCatalog::Edit edit = m_catalog->update(name, patch.value());
    return answerEdit(reply, edit, patch->name.value_or(name), 200);
}

int NodesController::removeNode(const QString &name, QHttpServerResponder &&responder) {
    PendingReply reply(std::move(responder));
    if (!NodeName::validate(name))
        return fail(reply, 400, QStringLiteral("not a node name: %1").arg(name.left(200)));
    return answerEdit(reply, m_catalog->remove(name), name, 200);
}

} // namespace lmcf
