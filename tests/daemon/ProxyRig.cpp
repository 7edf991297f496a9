#include "ProxyRig.h"

namespace lmcf::test {

ProxyRig::ProxyRig(Options options) {
    front = std::make_unique<HttpFront>(options.limits);
    authorizer = std::make_unique<Authorizer>(std::move(options.tokens));
    audit = std::make_unique<AuditLog>(options.auditPath);
    authorizer->setAuditLog(audit.get());
    engine = std::make_unique<ProxyEngine>(options.engine);
    proxy = std::make_unique<ProxyController>(nodes, *authorizer, *audit, *engine,
                                              ProxyController::Settings{options.allowedNodePaths});
    health.registerRoutes(front->server(), *authorizer);
    proxy->registerRoutes(front->server());
    m_port = front->listen(QHostAddress::LocalHost, 0).value();
}

} // namespace lmcf::test
