#include "routes/DiscoveryController.h"

#include "auth/Authorizer.h"
#include "auth/HeartbeatGate.h"
#include "discovery/HeartbeatQuery.h"
#include "discovery/InfosDocument.h"
#include "http/PendingReply.h"
#include "registry/NodeRegistry.h"

#include <QHttpServer>
#include <QJsonObject>

namespace lmcf {

namespace {

const QByteArray kJson = QByteArrayLiteral("application/json");

void sendStatusError(PendingReply &reply, int status, const QString &detail) {
    reply.sendJson(status,
                   QJsonDocument(QJsonObject{{QStringLiteral("status"), QStringLiteral("error")},
                                             {QStringLiteral("detail"), detail}}));
}

//! False (and answered 414) when the raw query is too long to be a heartbeat or a filter.
bool queryFits(const QHttpServerRequest &request, PendingReply &reply) {
    if (request.url().query(QUrl::FullyEncoded).size() <= DiscoveryController::maxQueryBytes)
        return true;
    sendStatusError(
        reply, 414,
        QStringLiteral("query longer than %1 bytes").arg(DiscoveryController::maxQueryBytes));
    return false;
}

//! `minute`/`hour` must be integers ≥ 0 when present; the message names the bad one.
QString windowProblem(const QUrlQuery &query) {
    for (const QString &key : {QStringLiteral("minute"), QStringLiteral("hour")}) {
        if (!query.hasQueryItem(key))
            continue;
        bool ok = false;
        const qint64 value = query.queryItemValue(key).toLongLong(&ok);
        if (!ok || value < 0 || value > 1'000'000)
            return QStringLiteral("%1: expected a whole number 0..1000000, got \"%2\"")
                .arg(key, query.queryItemValue(key).left(100));
    }
    return {};
}

} // namespace

DiscoveryController::DiscoveryController(NodeRegistry *registry, const Authorizer &authorizer,
                                         const HeartbeatGate &gate, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_authorizer(authorizer)
    , m_gate(gate) {}

DiscoveryController::~DiscoveryController() = default;

void DiscoveryController::registerRoutes(QHttpServer &server) {
    for (const QString &path : {QStringLiteral("/lmcache_heartbeat"), QStringLiteral("/heartbeat")})
        server.route(path, QHttpServerRequest::Method::Get,
                     [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                         heartbeat(request, std::move(responder));
                     });
    server.route(QStringLiteral("/lmcache_infos"), QHttpServerRequest::Method::Get,
                 m_authorizer.guard(
                     Permission::View,
                     [this](const QHttpServerRequest &request, QHttpServerResponder &&responder,
                            const Caller &) { infos(request, std::move(responder)); }));
}

void DiscoveryController::heartbeat(const QHttpServerRequest &request,
                                    QHttpServerResponder &&responder) {
    PendingReply reply(std::move(responder));
    if (!queryFits(request, reply))
        return;
    if (!m_gate.admits(request)) {
        sendStatusError(reply, 403, QStringLiteral("heartbeat token missing or wrong"));
        return;
    }
    const auto decoded = HeartbeatQuery::decode(QUrlQuery(request.url()));
    if (!decoded) {
        sendStatusError(reply, 400, decoded.error());
        return;
    }
    const auto result =
        m_registry->recordHeartbeat(decoded.value(), request.remoteAddress().toString());
    if (result == NodeRegistry::HeartbeatResult::Rejected) {
        sendStatusError(reply, 400, QStringLiteral("api_address: not usable"));
        return;
    }
    ++m_heartbeats;
    Q_EMIT heartbeatAccepted(decoded->apiAddress);
    reply.send(200, QByteArrayLiteral(R"({"status":"success"})"), kJson);
}

void DiscoveryController::infos(const QHttpServerRequest &request,
                                QHttpServerResponder &&responder) {
    PendingReply reply(std::move(responder));
    if (!queryFits(request, reply))
        return;
    const QUrlQuery query(request.url());
    if (const QString problem = windowProblem(query); !problem.isEmpty()) {
        sendStatusError(reply, 400, problem);
        return;
    }
    QList<InfosEntry> entries;
    for (const RegistryEntry &entry : m_registry->snapshot())
        entries.append(entry.toInfosEntry());
    if (const auto window = InfosDocument::windowSeconds(query)) {
        entries = InfosDocument::recent(entries, *window,
                                        QDateTime::fromMSecsSinceEpoch(m_registry->now()));
    }
    reply.send(200, InfosDocument::write(entries), kJson);
}

} // namespace lmcf
