#pragma once

#include "registry/NodeCatalog.h"

#include <QObject>

#include <memory>
#include <optional>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace lmcf {

class AuditLog;
class Authorizer;
class NodeWatchers;
struct Caller;
class PendingReply;

//! The node tree API of spec §2 over the catalog: `GET /api/nodes` (with `?index=N&wait=30s` a
//! long poll: answered at once when the catalog's index differs from N — a smaller one means
//! the daemon restarted — else on the next change or when the wait ends, with the same index), `GET
//! /api/proxies`, `GET /api/proxies/{p}/nodes`, the CRUD routes
//! (`POST /api/proxies`, `POST /api/proxies/{p}/nodes`, `PUT`/`DELETE /api/nodes/{name}`)
//! answering `{"detail": ...}` with 400/404/409, and the SSE stream `GET /api/events`.
class NodesController final : public QObject {
    Q_OBJECT
public:
    //! Reads need Permission::View, edits Permission::Operate and are audited. Nothing is owned;
    //! everything must outlive the controller.
    NodesController(NodeCatalog *catalog, const Authorizer &authorizer, AuditLog &audit,
                    QObject *parent = nullptr);
    ~NodesController() override;

    void registerRoutes(QHttpServer &server);
    const NodeWatchers &watchers() const { return *m_watchers; }

    //! A long-poll wait: `30s`, `1.5s`, `500ms`, `2m` or plain seconds; nullopt when it is none
    //! of those or negative. Values over NodeWatchers::maxWaitMs are capped.
    static std::optional<int> parseWaitMs(const QString &text);

private:
    void registerEditRoutes(QHttpServer &server);
    void listNodes(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // Each edit answers and returns the status it sent (for the audit log).
    int addProxy(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    int addNode(const QString &proxy, const QHttpServerRequest &request,
                QHttpServerResponder &&responder);
    int updateNode(const QString &name, const QHttpServerRequest &request,
                   QHttpServerResponder &&responder);
    int removeNode(const QString &name, QHttpServerResponder &&responder);
    //! Maps a catalog edit to its answer (200/201, 404, 409).
    int answerEdit(PendingReply &reply, NodeCatalog::Edit edit, const QString &name,
                   int successStatus);
    static int fail(PendingReply &reply, int status, const QString &detail);
    void audit(const QHttpServerRequest &request, const Caller &caller, const QByteArray &method,
               int status);

    NodeCatalog *m_catalog;
    const Authorizer &m_authorizer;
    AuditLog &m_audit;
    std::unique_ptr<NodeWatchers> m_watchers;
};

} // namespace lmcf
