#pragma once

#include <QByteArray>
#include <QHttpServerRequest>
#include <QUrlQuery>

namespace lmcf {

//! `--heartbeat-token`: a heartbeat must carry the shared secret, as the query parameter
//! `token` or the header `X-Heartbeat-Token`, or the registry ignores it (so nobody can register
//! an arbitrary address and use the proxy as a door). Without a secret every heartbeat passes.
//! Comparison is in constant time.
class HeartbeatGate final {
public:
    explicit HeartbeatGate(QByteArray secret = {});

    bool requiresToken() const { return !m_secret.isEmpty(); }
    //! True if `request` carries the secret (or none is required).
    bool admits(const QHttpServerRequest &request) const;
    //! The same check on the two places a token may be.
    bool admits(const QUrlQuery &query, const QByteArray &headerValue) const;

private:
    QByteArray m_secretHash;
    QByteArray m_secret;
};

} // namespace lmcf
