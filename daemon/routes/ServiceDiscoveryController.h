#pragma once

class QHttpServer;

namespace lmcf {

class Authorizer;
class NodeCatalog;

//! `GET /api/sd`: every leaf node as Prometheus HTTP service discovery JSON, so a real
//! Prometheus can follow the fleet (children of another dashboard are scraped through it).
class ServiceDiscoveryController final {
public:
    //! Needs Permission::View. Nothing is owned; everything must outlive the controller.
    ServiceDiscoveryController(const NodeCatalog *catalog, const Authorizer &authorizer)
        : m_catalog(catalog)
        , m_authorizer(authorizer) {}

    void registerRoutes(QHttpServer &server);

private:
    const NodeCatalog *m_catalog;
    const Authorizer &m_authorizer;
};

} // namespace lmcf
