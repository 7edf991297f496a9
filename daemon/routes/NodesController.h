#pragma once

#include "registry/NodeCatalog.h"

#include <QObject>

#include <memory>
#include <optional>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace lmcf {

class NodeWatchers;
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
    //! `catalog` is not owned and must outlive the controller.
    explicit NodesController(NodeCatalog *catalog, QObject *parent = nullptr);
    ~NodesController() override;

    void registerRoutes(QHttpServer &server);
    const NodeWatchers &watchers() const { return *m_watchers; }

    //! A long-poll wait: `30s`, `1.5s`, `500ms`, `2m` or plain seconds; nullopt when it is none
    //! of those or negative. Values over NodeWatchers::maxWaitMs are capped.
    static std::optional<int> parseWaitMs(const QString &text);

private:
    void registerEditRoutes(QHttpServer &server);
    void listNodes(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void addProxy(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void addNode(const QString &proxy, const QHttpServerRequest &request,
                 QHttpServerResponder &&responder);
    void updateNode(const QString &name, const QHttpServerRequest &request,
                    QHttpServerResponder &&responder);
    void removeNode(const QString &name, QHttpServerResponder &&responder);
    //! Maps a catalog edit to its answer (200/201, 404, 409).
    void answerEdit(PendingReply &reply, NodeCatalog::Edit edit, const QString &name,
                    int successStatus);

    NodeCatalog *m_catalog;
    std::unique_ptr<NodeWatchers> m_watchers;
};

} // namespace lmcf
