#include "routes/NodeWatchers.h"

#include "http/PendingReply.h"
#include "registry/NodeCatalog.h"

namespace lmcf {

struct NodeWatchers::Waiter {
    std::shared_ptr<PendingReply> reply;
    std::function<void(PendingReply &)> answer;
    std::unique_ptr<QTimer> deadline;
};

NodeWatchers::NodeWatchers(NodeCatalog *catalog, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog) {
    connect(m_catalog, &NodeCatalog::changed, this, [this](quint64 index) {
        wakeAll();
        pushEvent(index);
    });
    m_keepAlive.setInterval(keepAliveMs);
    connect(&m_keepAlive, &QTimer::timeout, this, &NodeWatchers::keepAlive);
}

NodeWatchers::~NodeWatchers() = default;

void NodeWatchers::wait(std::shared_ptr<PendingReply> reply, int waitMs,
                        std::function<void(PendingReply &)> answer) {
    auto waiter = std::make_shared<Waiter>();
    waiter->reply = std::move(reply);
    waiter->answer = std::move(answer);
    waiter->deadline = std::make_unique<QTimer>();
    waiter->deadline->setSingleShot(true);
    const Waiter *key = waiter.get();
    connect(waiter->deadline.get(), &QTimer::timeout, this, [this, key] {
        for (const auto &w : std::as_const(m_waiters)) {
            if (w.get() == key) {
                auto keep = w;
                forget(key);
                keep->answer(*keep->reply);
                return;
            }
        }
    });
    // Qt is still inside the socket's signal: drop the reply later, not from its own callback.
    waiter->reply->onClientGone([this, key] {
        QMetaObject::invokeMethod(
            this, [this, key] { forget(key); }, Qt::QueuedConnection);
    });
    waiter->deadline->start(qBound(0, waitMs, maxWaitMs));
    m_waiters.append(std::move(waiter));
}

void NodeWatchers::forget(const Waiter *waiter) {
    m_waiters.removeIf([waiter](const std::shared_ptr<Waiter> &w) { return w.get() == waiter; });
}

void NodeWatchers::wakeAll() {
    const auto waiters = std::exchange(m_waiters, {});
    for (const auto &waiter : waiters) {
        waiter->deadline->stop();
        waiter->answer(*waiter->reply);
    }
}

QByteArray NodeWatchers::chunk(const QByteArray &data) {
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

void NodeWatchers::subscribe(std::shared_ptr<PendingReply> reply) {
    reply->startStream(200, {{"Content-Type", "text/event-stream"},
                             {"Cache-Control", "no-cache"},
                             {"Transfer-Encoding", "chunked"},
                             {"X-Accel-Buffering", "no"}});
    const PendingReply *key = reply.get();
    reply->onClientGone([this, key] {
        QMetaObject::invokeMethod(
            this, [this, key] { forgetStream(key); }, Qt::QueuedConnection);
    });
    reply->writeBody(chunk("retry: 2000\n\nevent: nodes\ndata: {\"index\":" +
                           QByteArray::number(m_catalog->index()) + "}\n\n"));
    m_streams.append(std::move(reply));
    if (!m_keepAlive.isActive())
        m_keepAlive.start();
}

void NodeWatchers::forgetStream(const PendingReply *reply) {
    m_streams.removeIf(
        [reply](const std::shared_ptr<PendingReply> &r) { return r.get() == reply; });
    if (m_streams.isEmpty())
        m_keepAlive.stop();
}

void NodeWatchers::pushEvent(quint64 index) {
    const QByteArray event =
        chunk("event: nodes\ndata: {\"index\":" + QByteArray::number(index) + "}\n\n");
    for (const auto &stream : std::as_const(m_streams))
        stream->writeBody(event);
}

void NodeWatchers::keepAlive() {
    m_streams.removeIf([](const std::shared_ptr<PendingReply> &r) { return !r->canWrite(); });
    for (const auto &stream : std::as_const(m_streams))
        stream->writeBody(chunk(": keep-alive\n\n"));
    if (m_streams.isEmpty())
        m_keepAlive.stop();
}

} // namespace lmcf
