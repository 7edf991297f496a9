#pragma once

#include "auth/AuditLog.h"
#include "auth/Authorizer.h"
#include "http/HttpFront.h"
#include "proxy/ProxyEngine.h"
#include "proxy/StaticNodeDirectory.h"
#include "routes/HealthController.h"
#include "routes/ProxyController.h"

#include <memory>

namespace lmcf::test {

//! The daemon's proxy pieces wired in-process as DaemonApp wires them, with every knob open to
//! the test (short timeouts, tokens, audit file).
struct ProxyRig {
    struct Options {
        ConnectionLimits limits;
        ProxyEngine::Settings engine;
        QStringList allowedNodePaths;
        std::optional<TokenStore> tokens;
        QString auditPath;
    };

    explicit ProxyRig(Options options);
    quint16 port() const { return m_port; }

    StaticNodeDirectory nodes;
    std::unique_ptr<HttpFront> front;
    std::unique_ptr<Authorizer> authorizer;
    std::unique_ptr<AuditLog> audit;
    std::unique_ptr<ProxyEngine> engine;
    std::unique_ptr<ProxyController> proxy;
    HealthController health;

private:
    quint16 m_port = 0;
};

} // namespace lmcf::test
