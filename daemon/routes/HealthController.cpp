#include "routes/HealthController.h"

#include "auth/Authorizer.h"
#include "http/PendingReply.h"

#include <QHttpServer>
#include <QJsonDocument>

namespace lmcf {

QByteArray HealthController::body() const {
    // Literal bytes: the original's key order, which QJsonObject would sort.
    const QJsonObject registry = m_registryHealth ? m_registryHealth() : QJsonObject();
    if (registry.isEmpty())
        return QByteArrayLiteral(R"({"status":"healthy","service":"lmcache-monitor"})");
    const bool ok = registry.value(QStringLiteral("state")).toString() == u"ok";
    return QByteArrayLiteral(R"({"status":")") +
           (ok ? QByteArrayLiteral("healthy") : QByteArrayLiteral("degraded")) +
           QByteArrayLiteral(R"(","service":"lmcache-monitor","registry":)") +
           QJsonDocument(registry).toJson(QJsonDocument::Compact) + '}';
}

void HealthController::registerRoutes(QHttpServer &server, const Authorizer &authorizer) {
    server.route(QStringLiteral("/health"),
                 QHttpServerRequest::Method::Get | QHttpServerRequest::Method::Head,
                 authorizer.guard(Permission::Public, [this](const QHttpServerRequest &request,
                                                             QHttpServerResponder &&responder,
                                                             const Caller &) {
                     PendingReply reply(std::move(responder), request);
                     reply.send(200, body(), QByteArrayLiteral("application/json"));
                 }));
}

} // namespace lmcf
