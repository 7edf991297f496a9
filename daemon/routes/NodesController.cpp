#include "routes/NodesController.h"

#include "api/ApiNodeJson.h"
#include "api/ApiNodeRequests.h"
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

NodesController::NodesController(NodeCatalog *catalog, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
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
    // AUTH: every GET below needs Permission::View, every write Permission::Operate (and an
    // audit record) — one authorizer.admit(...) call per route once daemon/auth is on main.
    server.route(QStringLiteral("/api/nodes"), Method::Get,
                 [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                     listNodes(request, std::move(responder));
                 });
    server.route(QStringLiteral("/api/proxies"), Method::Get,
                 [this](const QHttpServerRequest &, QHttpServerResponder &&responder) {
                     PendingReply reply(std::move(responder));
                     reply.send(200,
                                ApiNodeJson::writeProxies(m_catalog->tree(), m_catalog->index()),
                                kJson);
                 });
    server.route(
        QStringLiteral("/api/proxies/<arg>/nodes"), Method::Get,
        [this](const QString &proxy, const QHttpServerRequest &, QHttpServerResponder &&responder) {
            PendingReply reply(std::move(responder));
            const NodeTree tree = m_catalog->tree();
            if (const ProxyNode *found = tree.proxy(proxy))
                reply.send(200, ApiNodeJson::writeProxyNodes(*found, m_catalog->index()), kJson);
            else
                reply.sendError(404, QStringLiteral("proxy not found: %1").arg(proxy));
        });
    registerEditRoutes(server);
    server.route(QStringLiteral("/api/events"), Method::Get,
                 [this](const QHttpServerRequest &, QHttpServerResponder &&responder) {
                     m_watchers->subscribe(PendingReply::make(std::move(responder)));
                 });
}

void NodesController::registerEditRoutes(QHttpServer &server) {
    server.route(QStringLiteral("/api/proxies"), Method::Post,
                 [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                     addProxy(request, std::move(responder));
                 });
    server.route(QStringLiteral("/api/proxies/<arg>/nodes"), Method::Post,
                 [this](const QString &proxy, const QHttpServerRequest &request,
                        QHttpServerResponder &&responder) {
                     addNode(proxy, request, std::move(responder));
                 });
    server.route(QStringLiteral("/api/nodes/<arg>"), Method::Put,
                 [this](const QString &name, const QHttpServerRequest &request,
                        QHttpServerResponder &&responder) {
                     updateNode(name, request, std::move(responder));
                 });
    server.route(
        QStringLiteral("/api/nodes/<arg>"), Method::Delete,
        [this](const QString &name, const QHttpServerRequest &, QHttpServerResponder &&responder) {
            removeNode(name, std::move(responder));
        });
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

void NodesController::answerEdit(PendingReply &reply, NodeCatalog::Edit edit, const QString &name,
                                 int successStatus) {
    switch (edit) {
    case NodeCatalog::Edit::Done:
        reply.sendJson(successStatus, QJsonDocument(QJsonObject{
                                          {QStringLiteral("status"), QStringLiteral("success")},
                                          {QStringLiteral("name"), name},
                                          {QStringLiteral("index"), qint64(m_catalog->index())}}));
        return;
    case NodeCatalog::Edit::NotFound:
        return reply.sendError(404, QStringLiteral("not found: %1").arg(name));
    case NodeCatalog::Edit::NameTaken:
        return reply.sendError(409, QStringLiteral("name already in use: %1").arg(name));
    case NodeCatalog::Edit::ReadOnly:
        return reply.sendError(409, QStringLiteral("%1 comes from discovery (supplier or "
                                                   "another dashboard) and cannot be edited")
                                        .arg(name));
    }
}

void NodesController::addProxy(const QHttpServerRequest &request,
                               QHttpServerResponder &&responder) {
    PendingReply reply(std::move(responder));
    const auto proxy = ApiNodeRequests::parseAddProxy(request.body());
    if (!proxy)
        return reply.sendError(400, proxy.error());
    answerEdit(reply, m_catalog->addProxy(proxy.value()), proxy->name, 201);
}

void NodesController::addNode(const QString &proxy, const QHttpServerRequest &request,
                              QHttpServerResponder &&responder) {
    PendingReply reply(std::move(responder));
    if (!m_catalog->tree().proxy(proxy))
        return reply.sendError(404, QStringLiteral("proxy not found: %1").arg(proxy));
    const auto leaf = ApiNodeRequests::parseAddNode(request.body(), proxy);
    if (!leaf)
        return reply.sendError(400, leaf.error());
    answerEdit(reply, m_catalog->addLeaf(proxy, leaf.value()), leaf->name, 201);
}

void NodesController::updateNode(const QString &name, const QHttpServerRequest &request,
                                 QHttpServerResponder &&responder) {
    PendingReply reply(std::move(responder));
    if (!m_catalog->tree().contains(name))
        return reply.sendError(404, QStringLiteral("not found: %1").arg(name));
    const auto patch = ApiNodeRequests::parseUpdate(request.body());
    if (!patch)
        return reply.sendError(400, patch.error());
    const NodeCatalog::Edit edit = m_catalog->update(name, patch.value());
    answerEdit(reply, edit, patch->name.value_or(name), 200);
}

void NodesController::removeNode(const QString &name, QHttpServerResponder &&responder) {
    PendingReply reply(std::move(responder));
    if (!NodeName::validate(name))
        return reply.sendError(400, QStringLiteral("not a node name: %1").arg(name.left(200)));
    answerEdit(reply, m_catalog->remove(name), name, 200);
}

} // namespace lmcf
