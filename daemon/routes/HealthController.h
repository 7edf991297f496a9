#pragma once

#include <QJsonObject>

#include <functional>

class QHttpServer;

namespace lmcf {

class Authorizer;

//! `GET /health`: `{"status":"healthy","service":"lmcache-monitor"}` as the original answers.
//! With a shared registry, `"registry":{"kind":"etcd","state":"ok"|"degraded",...}` follows and
//! `status` is `degraded` while the registry is; still HTTP 200, because a degraded daemon keeps
//! serving its last view and a load balancer should not drop every head node when etcd is down.
//! Public: probes and load balancers must reach it without a token, and it reveals nothing.
class HealthController final {
public:
    //! Returns the shared registry's health, or an empty object for the in-memory registry.
    using RegistryHealth = std::function<QJsonObject()>;

    void setRegistryHealth(RegistryHealth provider) { m_registryHealth = std::move(provider); }
    void registerRoutes(QHttpServer &server, const Authorizer &authorizer);

private:
    QByteArray body() const;

    RegistryHealth m_registryHealth;
};

} // namespace lmcf
