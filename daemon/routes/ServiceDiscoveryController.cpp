#include "routes/ServiceDiscoveryController.h"

#include "api/ServiceDiscoveryJson.h"
#include "auth/Authorizer.h"
#include "http/PendingReply.h"
#include "registry/NodeCatalog.h"

#include <QHttpServer>

namespace lmcf {

void ServiceDiscoveryController::registerRoutes(QHttpServer &server) {
    server.route(QStringLiteral("/api/sd"), QHttpServerRequest::Method::Get,
                 m_authorizer.guard(Permission::View, [this](const QHttpServerRequest &,
                                                             QHttpServerResponder &&responder,
                                                             const Caller &) {
                     PendingReply reply(std::move(responder));
                     reply.send(200, ServiceDiscoveryJson::write(m_catalog->tree()),
                                QByteArrayLiteral("application/json"));
                 }));
}

} // namespace lmcf
