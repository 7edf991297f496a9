#include "proxy/UpstreamPool.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>

namespace lmcf {

namespace {
constexpr int kConnectionsPerManager = 6; // QNAM's per-host limit for HTTP/1.1
}

UpstreamPool::UpstreamPool(int managers, QObject *parent)
    : QObject(parent) {
    for (int i = 0; i < qMax(1, managers); ++i) {
        auto *manager = new QNetworkAccessManager(this);
        manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        // A system http_proxy must not reroute node traffic; nodes are reached directly.
        manager->setProxy(QNetworkProxy::NoProxy);
        manager->setStrictTransportSecurityEnabled(false);
        m_managers.push_back(manager);
    }
}

UpstreamPool::~UpstreamPool() = default;

int UpstreamPool::acquire(const QString &hostKey) {
    std::vector<int> &counts = m_inFlight[hostKey];
    if (counts.empty())
        counts.assign(m_managers.size(), 0);
    size_t best = 0;
    for (size_t i = 0; i < counts.size(); ++i) {
        if (counts[i] < kConnectionsPerManager) {
            best = i;
            break;
        }
        if (counts[i] < counts[best])
            best = i;
    }
    ++counts[best];
    return int(best);
}

void UpstreamPool::release(const QString &hostKey, int slot) {
    auto it = m_inFlight.find(hostKey);
    if (it == m_inFlight.end() || slot < 0 || size_t(slot) >= it->size())
        return;
    (*it)[size_t(slot)] = qMax(0, (*it)[size_t(slot)] - 1);
}

} // namespace lmcf
