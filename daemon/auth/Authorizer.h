#pragma once

#include "auth/Caller.h"
#include "auth/TokenStore.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>

#include <optional>
#include <utility>

namespace lmcf {

//! What a route needs from its caller.
enum class Permission {
    Public,  //!< anyone (liveness probes: /health)
    View,    //!< a viewer or operator token
    Operate, //!< an operator token
};

//! The one authorisation check every route makes before doing anything. Tokens come as
//! `Authorization: Bearer <token>`. Without a token store (loopback without --auth-file, or
//! --insecure-no-auth) everyone is the operator "anonymous".
//! Use it in a route with one line, either
//!   `server.route(path, method, authorizer.guard(Permission::Operate, handler))` where handler
//!   is `(const QHttpServerRequest &, QHttpServerResponder &&, const Caller &)`, or, when the
//!   permission depends on the request, first thing in the handler:
//!   `const auto caller = authorizer.admit(request, responder, needed); if (!caller) return;`
class Authorizer final {
public:
    explicit Authorizer(std::optional<TokenStore> tokens = std::nullopt);

    bool isOpen() const { return !m_tokens.has_value(); }
    //! Refused state-changing requests (not GET/HEAD) are written to `audit` too.
    void setAuditLog(class AuditLog *audit) { m_audit = audit; }

    //! The caller if allowed `needed`; otherwise answers 401 (no or unknown token, with
    //! `WWW-Authenticate: Bearer`) or 403 (viewer asking to operate) on `responder`, which is
    //! then spent, and returns nothing.
    std::optional<Caller> admit(const QHttpServerRequest &request, QHttpServerResponder &responder,
                                Permission needed) const;

    //! Wraps a handler taking the Caller as a QHttpServer route handler that checks first.
    template <typename Handler> auto guard(Permission needed, Handler handler) const {
        return [this, needed, handler = std::move(handler)](const QHttpServerRequest &request,
                                                            QHttpServerResponder &&responder) {
            if (const auto caller = admit(request, responder, needed))
                handler(request, std::move(responder), *caller);
        };
    }

    //! Permission for a request to a node: GET/HEAD of a non-sensitive path is View,
    //! everything else Operate.
    static Permission forNodeRequest(QHttpServerRequest::Method method, bool sensitivePath);

    //! Why the daemon must not start with these settings (empty: fine). A non-loopback address
    //! needs an auth file unless `insecureNoAuth`.
    static QString exposureError(const QHostAddress &host, bool hasAuthFile, bool insecureNoAuth);

private:
    void auditRefusal(const QHttpServerRequest &request, const QString &who, int status) const;

    std::optional<TokenStore> m_tokens;
    class AuditLog *m_audit = nullptr;
};

} // namespace lmcf
