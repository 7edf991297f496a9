#include "proxy/UpstreamPool.h"

#include "proxy/UpstreamConnection.h"

#include <QTimer>

namespace lmcf {

UpstreamPool::UpstreamPool(int maxIdlePerNode, int idleMs, QObject *parent)
    : QObject(parent)
    , m_maxIdle(maxIdlePerNode)
    , m_idleMs(idleMs) {}

UpstreamPool::~UpstreamPool() = default;

QString UpstreamPool::hostKey(const QUrl &base) {
    const bool tls = base.scheme() == u"https";
    return base.scheme() + u"://" + base.host() + u':' + QString::number(base.port(tls ? 443 : 80));
}

UpstreamConnection *UpstreamPool::acquire(const QUrl &base, bool fresh) {
    const QString key = hostKey(base);
    QList<UpstreamConnection *> &idle = m_idle[key];
    while (!fresh && !idle.isEmpty()) {
        UpstreamConnection *connection = idle.takeLast(); // most recently used: warmest
        if (connection->isReusable()) {
            if (auto *timer = connection->findChild<QTimer *>())
                timer->stop();
            return connection;
        }
        connection->deleteLater();
    }
    auto *connection = new UpstreamConnection(key, this);
    connect(connection, &UpstreamConnection::lost, this, &UpstreamPool::drop);
    connection->open(base);
    return connection;
}

void UpstreamPool::release(UpstreamConnection *connection) {
    if (!connection)
        return;
    QList<UpstreamConnection *> &idle = m_idle[connection->hostKey()];
    if (!connection->isReusable() || idle.size() >= m_maxIdle) {
        connection->abandon();
        connection->deleteLater();
        return;
    }
    idle.append(connection);
    auto *timer = connection->findChild<QTimer *>();
    if (!timer) {
        timer = new QTimer(connection);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, connection] { drop(connection); });
    }
    timer->start(m_idleMs);
}

void UpstreamPool::drop(UpstreamConnection *connection) {
    // Only idle connections are ours to drop; a busy one is released by its exchange.
    if (m_idle[connection->hostKey()].removeOne(connection)) {
        connection->abandon();
        connection->deleteLater();
    }
}

int UpstreamPool::idleConnections() const {
    int count = 0;
    for (const auto &list : m_idle)
        count += int(list.size());
    return count;
}

} // namespace lmcf
