#pragma once

#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace lmcf {

class NodeCatalog;
class PendingReply;

//! The change feed's open requests: long polls (`GET /api/nodes?index=N&wait=30s`) waiting
//! for the catalog to change, and Server-Sent Events streams (`GET /api/events`). A client that
//! leaves while waiting is simply forgotten (every answer goes through PendingReply).
class NodeWatchers final : public QObject {
    Q_OBJECT
public:
    //! Longest accepted long-poll wait.
    static constexpr int maxWaitMs = 5 * 60 * 1000;
    //! Between SSE keep-alive comments.
    static constexpr int keepAliveMs = 15'000;

    //! `catalog` is not owned and must outlive this object.
    explicit NodeWatchers(NodeCatalog *catalog, QObject *parent = nullptr);
    ~NodeWatchers() override;

    //! Answers `reply` with `answer()` when the catalog changes or after `waitMs`, whichever
    //! comes first.
    void wait(std::shared_ptr<PendingReply> reply, int waitMs,
              std::function<void(PendingReply &)> answer);
    //! Starts an SSE stream on `reply`: `event: nodes` / `data: {"index":N}` now and on every
    //! change, a `: keep-alive` comment every keepAliveMs.
    void subscribe(std::shared_ptr<PendingReply> reply);

    int waiting() const { return int(m_waiters.size()); }
    int subscribers() const { return int(m_streams.size()); }

private:
    struct Waiter;
    void wakeAll();
    void pushEvent(quint64 index);
    void keepAlive();
    void forget(const Waiter *waiter);
    void forgetStream(const PendingReply *reply);
    static QByteArray chunk(const QByteArray &data);

    NodeCatalog *m_catalog;
    QList<std::shared_ptr<Waiter>> m_waiters;
    QList<std::shared_ptr<PendingReply>> m_streams;
    QTimer m_keepAlive;
};

} // namespace lmcf
