#pragma once

#include <QObject>
#include <QStringList>

#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace lmcf {

class AuditLog;
class Authorizer;
class NodeDirectory;
class ProxyEngine;

//! `ANY /proxy2/{node}/{path}` (spec §2): checks the caller, the path (no `..`, blocked
//! sensitive paths) and the node (only registered ones), then hands off to the ProxyEngine.
//! Every non-GET/HEAD request is written to the audit log with the status the client saw.
class ProxyController final : public QObject {
    Q_OBJECT
public:
    struct Settings {
        QStringList allowedNodePaths; //!< blocked paths (/env, /run_script) the operator allowed
        //! `Authorization` value (--upstream-token-file) for nodes reached through another
        //! dashboard (NodeDirectory::isReachedThroughDashboard); empty: none.
        QByteArray upstreamAuthorization = {};
    };

    ProxyController(const NodeDirectory &nodes, const Authorizer &authorizer, AuditLog &audit,
                    ProxyEngine &engine, Settings settings, QObject *parent = nullptr);
    ~ProxyController() override;

    void registerRoutes(QHttpServer &server);

    //! The node's path with any `/proxy2/<name>` hops stripped, when it is /env or /run_script
    //! (case-insensitive, slashes collapsed): the paths that leak secrets or run code.
    static bool isSensitivePath(const QString &decodedPath);
    //! The decoded node path lower-cased, slashes collapsed, `/proxy2/<name>` hops stripped.
    static QString innermostPath(const QString &decodedPath);
    //! True if any segment of the decoded path (split on `/` and `\`) is `..`.
    static bool climbsUp(const QString &decodedPath);

private:
    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    const NodeDirectory &m_nodes;
    const Authorizer &m_authorizer;
    AuditLog &m_audit;
    ProxyEngine &m_engine;
    Settings m_settings;
};

} // namespace lmcf
