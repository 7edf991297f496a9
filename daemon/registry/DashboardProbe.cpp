#include "registry/DashboardProbe.h"

#include "discovery/SupplierConversion.h"
#include "net/HttpClient.h"

namespace lmcf {

DashboardProbe::DashboardProbe(HttpClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client) {}

DashboardProbe::~DashboardProbe() = default;

void DashboardProbe::probe(const NodeAddress &address, const QString &proxyName, Done done) {
    HttpRequestOptions options;
    options.timeoutMs = m_timeoutMs;
    options.maxResponseBytes = 16LL * 1024 * 1024;
    const QUrl url(address.baseUrl() + QStringLiteral("/api/nodes"));
    m_client->get(url, options, this,
                  [address, proxyName, done = std::move(done)](const HttpResult &result) {
                      if (!result.ok()) {
                          done({});
                          return;
                      }
                      const auto children =
                          SupplierConversion::childrenFromApiNodes(result.body, proxyName, address);
                      done(children ? children.value() : QList<LeafNode>{});
                  });
}

} // namespace lmcf
