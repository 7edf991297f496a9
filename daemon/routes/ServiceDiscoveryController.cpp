#include "routes/ServiceDiscoveryController.h"

#include "api/ServiceDiscoveryJson.h"
#include "http/PendingReply.h"
#include "registry/NodeCatalog.h"

#include <QHttpServer>

namespace lmcf {

void ServiceDiscoveryController::registerRoutes(QHttpServer &server) {
    // AUTH: Permission::View (authorizer.admit) goes here once daemon/auth is on main.
    server.route(QStringLiteral("/api/sd"), QHttpServerRequest::Method::Get,
                 [this](const QHttpServerRequest &, QHttpServerResponder &&responder) {
                     PendingReply reply(std::move(responder));
                     reply.send(200, ServiceDiscoveryJson::write(m_catalog->tree()),
                                QByteArrayLiteral("application/json"));
                 });
}

} // namespace lmcf
