#pragma once

#include "net/HttpClient.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

namespace lmcf {

//! What one call to the daemon ended with. `problem` classifies failures so the GUI can say
//! the right thing ("this daemon needs a token" for 401, "viewer token" for 403, ...).
struct DaemonReply {
    enum class Problem {
        None,         //!< 2xx answer; `body` holds the payload
        Unreachable,  //!< no connection (refused, DNS, network down)
        TimedOut,     //!< no complete answer within the call's timeout
        Tls,          //!< TLS handshake or certificate failure
        Unauthorized, //!< 401: the daemon needs a token (or the token is wrong)
        Forbidden,  //!< 403 for the role: the token is a viewer token (a blocked path is HttpError)
        NotFound,   //!< 404
        HttpError,  //!< any other non-2xx status
        BadPayload, //!< 2xx but the body is not the JSON the call expects
    };

    int status = 0;
    Problem problem = Problem::None;
    QString message; //!< one sentence for the operator; empty when ok()
    QByteArray body;
    QJsonDocument json; //!< parsed body for JSON calls (null otherwise)
    qint64 elapsedMs = 0;

    bool ok() const { return problem == Problem::None; }
};

//! The daemon's REST API as the desktop app uses it (spec §2 plus the daemon's additions):
//! node list and its change feed, node pages through `/proxy2/<node>/...`, node actions, the
//! aggregated `/metrics` and `query_range` history. One instance per daemon connection.
//!
//! Every call is asynchronous and ends with exactly one callback on this thread, unless
//! `context` is destroyed first (then nothing is called). Every call has an explicit timeout.
//! The token, when set, goes out as `Authorization: Bearer <token>` and is never logged.
class DaemonClient final : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const DaemonReply &)>;

    explicit DaemonClient(QObject *parent = nullptr);
    ~DaemonClient() override;

    //! The daemon's base URL (`http://host:port`, a path prefix is kept). Invalid → calls fail
    //! with Unreachable.
    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    //! Empty = no Authorization header.
    void setToken(const QString &token);
    bool hasToken() const { return !m_token.isEmpty(); }
    //! Timeout of ordinary calls (node pages, metrics, actions). Default 10 s.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    //! GET /health.
    void health(QObject *context, Callback done);
    //! GET /api/nodes; `json` holds the document.
    void nodes(QObject *context, Callback done);
    //! GET /api/nodes?index=N&wait=Ws: answers when the list changes past `index` or after
    //! `waitSeconds` (the timeout is `waitSeconds` + 10 s).
    void nodesAfter(qint64 index, int waitSeconds, QObject *context, Callback done);
    //! GET /metrics (aggregated Prometheus text, every sample labelled `node`); only the
    //! `families` named (`?name=`) unless empty. A daemon that predates `name` sends everything.
    void fleetMetrics(const QStringList &families, QObject *context, Callback done);
    //! GET /api/v1/query_range; `json` holds the Prometheus API answer. Times in seconds.
    void queryRange(const QString &selector, qint64 start, qint64 end, int stepSeconds,
                    QObject *context, Callback done);
    //! GET /proxy2/<node>/<path> (path may carry a query: `loglevel?logger_name=x&level=INFO`).
    //! `json` is filled when the body parses as JSON.
    void nodeGet(const QString &node, const QString &path, QObject *context, Callback done);
    //! POST /proxy2/<node>/<path> with an optional JSON body.
    void nodePost(const QString &node, const QString &path, const QByteArray &body,
                  QObject *context, Callback done);

    //! The URL a call would use: base + path (+ query). Exposed for tests and the status bar.
    QUrl urlFor(const QString &path, const QString &query = {}) const;
    //! `/proxy2/<node>/<path>` with the node name percent-encoded.
    static QString nodePath(const QString &node, const QString &path);

    //! Turns a raw HTTP result into a reply (problem + message). `expectJson` makes a 2xx with
    //! a body that is not JSON a BadPayload.
    static DaemonReply classify(const HttpResult &result, bool expectJson, bool https);

private:
    void call(const QByteArray &method, const QUrl &url, const QByteArray &body, int timeoutMs,
              bool expectJson, QObject *context, Callback done);

    HttpClient *m_http;
    QUrl m_baseUrl;
    QString m_token;
    int m_timeoutMs = 10000;
};

} // namespace lmcf
