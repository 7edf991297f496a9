#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <string>

namespace lmcf::test {

//! A real Prometheus (Debian's `prometheus`) started by a test on a free loopback port, with
//! the scrape configuration and rules this project ships in packaging/prometheus/, pointed at
//! a daemon and made fast (1 s scrapes and service discovery). Stopped when destroyed.
class PrometheusUnderTest final {
public:
    PrometheusUnderTest();
    ~PrometheusUnderTest();
    PrometheusUnderTest(const PrometheusUnderTest &) = delete;
    PrometheusUnderTest &operator=(const PrometheusUnderTest &) = delete;

    //! The `prometheus` program (PATH, /usr/bin, /usr/sbin); empty when it is not installed.
    static QString executable();
    //! Why Prometheus tests must skip here (empty when `prometheus` is installed), for
    //! `if (auto why = PrometheusUnderTest::unavailable(); !why.empty()) GTEST_SKIP() << why;`
    static std::string unavailable();
    //! The shipped packaging/prometheus/prometheus.yml with `localhost:8000` replaced by
    //! `daemonAuthority` (host:port) and every interval set to 1 s. With `keepDaemonNodeSeries`
    //! the daemon job keeps the node series of the aggregated /metrics too (a setup where
    //! Prometheus stores every node's series twice, once per job).
    static QString fleetConfig(const QString &daemonAuthority, bool keepDaemonNodeSeries = false);
    //! `config` with its commented `authorization:` blocks switched on, reading the bearer
    //! token from `tokenFile`.
    static QString withAuthorization(QString config, const QString &tokenFile);

    //! Writes `config` (and the shipped rules beside it) and starts Prometheus; true once
    //! `/-/ready` answers 200. False with errorText() when it exits or is not ready in time.
    bool start(const QString &config, int timeoutMs = 20000);
    QUrl url() const { return m_url; }
    QString errorText() const { return m_error; }

    //! GET `pathAndQuery` of the HTTP API as JSON (empty object when the call failed).
    QJsonObject api(const QString &pathAndQuery) const;
    //! `/api/v1/query?query=...`: the `data.result` vector, one entry per series.
    QJsonArray query(const QString &promql) const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QUrl m_url;
    QString m_error;
};

} // namespace lmcf::test
