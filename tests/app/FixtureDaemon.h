#pragma once

#include <QElapsedTimer>
#include <QHttpServer>
#include <QStringList>
#include <QUrl>

namespace lmcf::test {

//! Stand-in for `lmcache-fleetd` + simulated nodes, serving the fixtures of tests/data/app/:
//! `/api/nodes` (spec §2 + state/version), aggregated `/metrics` with counters that grow with
//! time (vLLM-mode and MP-mode nodes), `query_range` history, and node pages via
//! `/proxy2/<node>/...`. Optional tokens: no/unknown token → 401, viewer token → 403 on POST.
//! Used until the real daemon and simulator are available to the app's tests.
class FixtureDaemon final {
public:
    FixtureDaemon();
    ~FixtureDaemon();

    //! Listens on 127.0.0.1, ephemeral port; false on failure.
    bool start();
    QUrl url() const;
    void setTokens(const QString &operatorToken, const QString &viewerToken);
    //! From now on `/metrics` reports `node` as not answering (`lmcache_fleet_node_up 0`).
    void setUnreachable(const QString &node) { m_unreachable << node; }
    //! Node names whose clear-cache POST arrived, in order.
    const QStringList &clearedNodes() const { return m_cleared; }

private:
    QHttpServerResponse nodes() const;
    QHttpServerResponse metrics() const;
    QHttpServerResponse queryRange(const QHttpServerRequest &request) const;
    QHttpServerResponse nodePage(const QString &node, const QUrl &rest,
                                 const QHttpServerRequest &request);
    //! 401/403 when the request may not proceed; nullopt otherwise.
    std::optional<QHttpServerResponse> refuse(const QHttpServerRequest &request,
                                              bool changesState) const;
    QByteArray nodeMetrics(const QString &node, double atSeconds, bool labelled) const;

    QHttpServer m_server;
    quint16 m_port = 0;
    QElapsedTimer m_clock;
    qint64 m_startSecs = 0;
    QString m_operatorToken;
    QString m_viewerToken;
    QStringList m_cleared;
    QStringList m_unreachable;
};

} // namespace lmcf::test
