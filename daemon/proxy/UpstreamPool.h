#pragma once

#include <QHash>
#include <QObject>

#include <vector>

class QNetworkAccessManager;

namespace lmcf {

//! Keep-alive connections to the nodes, more of them than one QNetworkAccessManager allows (6 per
//! host, qt64-notes): a fixed set of managers, each with its own per-host connection cache.
//! A request goes to the first manager with a free connection to that host, so light traffic
//! reuses one warm connection and heavy traffic spreads over managers × 6.
class UpstreamPool final : public QObject {
    Q_OBJECT
public:
    explicit UpstreamPool(int managers = 8, QObject *parent = nullptr);
    ~UpstreamPool() override;

    //! A manager for one request to `hostKey` (scheme://host:port); pair with release().
    int acquire(const QString &hostKey);
    QNetworkAccessManager *manager(int slot) const { return m_managers.at(size_t(slot)); }
    void release(const QString &hostKey, int slot);

private:
    std::vector<QNetworkAccessManager *> m_managers;
    QHash<QString, std::vector<int>> m_inFlight; // per host: requests in flight per manager
};

} // namespace lmcf
