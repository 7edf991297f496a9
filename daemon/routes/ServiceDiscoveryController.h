#pragma once

class QHttpServer;

namespace lmcf {

class NodeCatalog;

//! `GET /api/sd`: every leaf node as Prometheus HTTP service discovery JSON, so a real
//! Prometheus can follow the fleet (children of another dashboard are scraped through it).
class ServiceDiscoveryController final {
public:
    //! `catalog` is not owned and must outlive the controller.
    explicit ServiceDiscoveryController(const NodeCatalog *catalog)
        : m_catalog(catalog) {}

    void registerRoutes(QHttpServer &server);

private:
    const NodeCatalog *m_catalog;
};

} // namespace lmcf
