#pragma once

class QHttpServer;

namespace lmcf {

//! `GET /health`: `{"status":"healthy","service":"lmcache-monitor"}` as the original answers.
class HealthController final {
public:
    void registerRoutes(QHttpServer &server);
};

} // namespace lmcf
