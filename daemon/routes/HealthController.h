#pragma once

class QHttpServer;

namespace lmcf {

class Authorizer;

//! `GET /health`: `{"status":"healthy","service":"lmcache-monitor"}` as the original answers.
//! Public: probes and load balancers must reach it without a token, and it reveals nothing.
class HealthController final {
public:
    void registerRoutes(QHttpServer &server, const Authorizer &authorizer);
};

} // namespace lmcf
