#include "auth/Authorizer.h"

#include "api/ApiError.h"
#include "auth/AuditLog.h"
#include "http/PendingReply.h"

#include <QJsonObject>

namespace lmcf {

Authorizer::Authorizer(std::optional<TokenStore> tokens)
    : m_tokens(std::move(tokens)) {}

std::optional<Caller> Authorizer::admit(const QHttpServerRequest &request,
                                        QHttpServerResponder &responder, Permission needed) const {
    if (!m_tokens)
        return Caller{QStringLiteral("anonymous"), Role::Operator};
    const QByteArray header = request.value(QByteArrayLiteral("authorization")).trimmed();
    std::optional<Caller> caller;
    if (header.size() > 7 && header.first(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        caller = m_tokens->identify(header.mid(7).trimmed());
    if (needed == Permission::Public)
        return caller.value_or(Caller{QStringLiteral("anonymous"), Role::Viewer});
    if (!caller) {
        auditRefusal(
            request,
            header.isEmpty() ? QStringLiteral("anonymous") : QStringLiteral("unknown token"), 401);
        PendingReply reply(std::move(responder), request);
        reply.sendJson(
            401,
            QJsonDocument(QJsonObject{{QStringLiteral("detail"),
                                       header.isEmpty() ? QStringLiteral("a bearer token is needed")
                                                        : QStringLiteral("unknown token")}}),
            {{QByteArrayLiteral("WWW-Authenticate"),
              QByteArrayLiteral("Bearer realm=\"lmcache-fleetd\"")}});
        return std::nullopt;
    }
    if (needed == Permission::Operate && caller->role != Role::Operator) {
        auditRefusal(request, caller->name, 403);
        PendingReply reply(std::move(responder), request);
        reply.sendError(403, ApiError::operatorRoleNeeded());
        return std::nullopt;
    }
    return caller;
}

void Authorizer::auditRefusal(const QHttpServerRequest &request, const QString &who,
                              int status) const {
    using M = QHttpServerRequest::Method;
    if (!m_audit || request.method() == M::Get || request.method() == M::Head)
        return;
    static const QHash<M, QByteArray> verbs{{M::Post, "POST"},       {M::Put, "PUT"},
                                            {M::Delete, "DELETE"},   {M::Patch, "PATCH"},
                                            {M::Options, "OPTIONS"}, {M::Connect, "CONNECT"}};
    m_audit->record(
        {Caller{who, Role::Viewer},
         request.remoteAddress().toString(),
         {},
         verbs.value(request.method(), "OTHER"),
         request.url().toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded),
         status});
}

Permission Authorizer::forNodeRequest(QHttpServerRequest::Method method, bool sensitivePath) {
    const bool readOnly =
        method == QHttpServerRequest::Method::Get || method == QHttpServerRequest::Method::Head;
    return readOnly && !sensitivePath ? Permission::View : Permission::Operate;
}

QString Authorizer::exposureError(const QHostAddress &host, bool hasAuthFile, bool insecureNoAuth) {
    if (hasAuthFile || insecureNoAuth || host.isLoopback())
        return {};
    return QStringLiteral("refusing to serve %1 without authentication: give --auth-file "
                          "(create one with 'lmcache-fleetd token add'), listen on 127.0.0.1, "
                          "or pass --insecure-no-auth")
        .arg(host.toString());
}

} // namespace lmcf
