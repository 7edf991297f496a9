#include "routes/HealthController.h"

#include "auth/Authorizer.h"
#include "http/PendingReply.h"

#include <QHttpServer>

namespace lmcf {

void HealthController::registerRoutes(QHttpServer &server, const Authorizer &authorizer) {
    server.route(
        QStringLiteral("/health"),
        QHttpServerRequest::Method::Get | QHttpServerRequest::Method::Head,
        authorizer.guard(Permission::Public, [](const QHttpServerRequest &request,
                                                QHttpServerResponder &&responder, const Caller &) {
            // Literal bytes: the original's key order, which QJsonObject would sort.
            PendingReply reply(std::move(responder), request);
            reply.send(200,
                       QByteArrayLiteral(R"({"status":"healthy","service":"lmcache-monitor"})"),
                       QByteArrayLiteral("application/json"));
        }));
}

} // namespace lmcf
