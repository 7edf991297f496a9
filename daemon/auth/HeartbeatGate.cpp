#include "auth/HeartbeatGate.h"

#include "auth/ConstantTime.h"

#include <QCryptographicHash>

namespace lmcf {

namespace {
// Hashing both sides first makes the comparison length-independent too.
QByteArray digest(QByteArrayView text) {
    return QCryptographicHash::hash(text, QCryptographicHash::Sha256);
}
} // namespace

HeartbeatGate::HeartbeatGate(QByteArray secret)
    : m_secretHash(digest(secret))
    , m_secret(std::move(secret)) {}

bool HeartbeatGate::admits(const QHttpServerRequest &request) const {
    return admits(request.query(), request.value(QByteArrayLiteral("x-heartbeat-token")));
}

bool HeartbeatGate::admits(const QUrlQuery &query, const QByteArray &headerValue) const {
    if (!requiresToken())
        return true;
    const QByteArray fromQuery =
        query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded).toUtf8();
    const bool queryOk =
        !fromQuery.isEmpty() && constantTimeEquals(digest(fromQuery), m_secretHash);
    const bool headerOk =
        !headerValue.isEmpty() && constantTimeEquals(digest(headerValue.trimmed()), m_secretHash);
    return queryOk || headerOk;
}

} // namespace lmcf
