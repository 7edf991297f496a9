#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QUrl>

namespace lmcf {

class UpstreamConnection;

//! Keep-alive connections to the nodes, kept per node (scheme://host:port). A request takes an
//! idle connection or opens a new one, so parallel requests are not capped (QNAM's 6 per host,
//! qt64-notes); at most `maxIdlePerNode` are kept for reuse, each for at most `idleMs`.
class UpstreamPool final : public QObject {
    Q_OBJECT
public:
    explicit UpstreamPool(int maxIdlePerNode = 64, int idleMs = 30000, QObject *parent = nullptr);
    ~UpstreamPool() override;

    static QString hostKey(const QUrl &base);
    //! An idle connection to `base` if one is ready (unless `fresh`), else a new one.
    UpstreamConnection *acquire(const QUrl &base, bool fresh = false);
    //! Back from a request: kept if it can carry another one, otherwise closed.
    void release(UpstreamConnection *connection);
    int idleConnections() const;

private:
    void drop(UpstreamConnection *connection);

    int m_maxIdle;
    int m_idleMs;
    QHash<QString, QList<UpstreamConnection *>> m_idle;
};

} // namespace lmcf
