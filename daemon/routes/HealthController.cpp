#include "routes/HealthController.h"

#include "http/PendingReply.h"

#include <QHttpServer>

namespace lmcf {

void HealthController::registerRoutes(QHttpServer &server) {
    server.route(QStringLiteral("/health"), QHttpServerRequest::Method::Get,
                 [](const QHttpServerRequest &, QHttpServerResponder &&responder) {
                     // Literal bytes: the original's key order, which QJsonObject would sort.
                     PendingReply reply(std::move(responder));
                     reply.send(
                         200,
                         QByteArrayLiteral(R"({"status":"healthy","service":"lmcache-monitor"})"),
                         QByteArrayLiteral("application/json"));
                 });
}

} // namespace lmcf
