#include "registry/DashboardProbe.h"

#include "auth/UpstreamToken.h"
#include "discovery/SupplierConversion.h"
#include "net/HttpClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

namespace lmcf {

namespace {
Q_LOGGING_CATEGORY(lcProbe, "lmcf.daemon.registry")
} // namespace

DashboardProbe::DashboardProbe(HttpClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client) {}

DashboardProbe::~DashboardProbe() = default;

bool DashboardProbe::announcesDaemon(const QString &otherInfo) {
    const QJsonObject info = QJsonDocument::fromJson(otherInfo.toUtf8()).object();
    return info.value(QStringLiteral("role")).toString() == u"lmcache-fleetd";
}

void DashboardProbe::probe(const NodeAddress &address, const QString &proxyName,
                           const QString &otherInfo, Done done) {
    HttpRequestOptions options;
    options.timeoutMs = m_timeoutMs;
    options.maxResponseBytes = 16LL * 1024 * 1024;
    const bool daemon = announcesDaemon(otherInfo);
    const QNetworkRequest request =
        UpstreamToken::request(QUrl(address.baseUrl() + QStringLiteral("/api/nodes")),
                               daemon ? m_authorization : QByteArray());
    const auto answered = [this, address, proxyName, daemon,
                           done = std::move(done)](const HttpResult &result) {
        if (daemon)
            noteRefusal(address.baseUrl(), result.status);
        if (!result.ok())
            return done({});
        const auto children =
            SupplierConversion::childrenFromApiNodes(result.body, proxyName, address);
        done(children ? children.value() : QList<LeafNode>{});
    };
    m_client->send(request, QByteArrayLiteral("GET"), {}, options, this, answered);
}

void DashboardProbe::noteRefusal(const QString &baseUrl, int status) {
    // Once per daemon and refusal, not every probe period.
    if (status != 401 && status != 403) {
        m_refused.remove(baseUrl);
        return;
    }
    if (m_refused.contains(baseUrl))
        return;
    m_refused.insert(baseUrl);
    qCWarning(lcProbe).noquote()
        << "node proxy" << baseUrl << "refused its /api/nodes with HTTP" << status
        << (m_authorization.isEmpty()
                ? "- start this daemon with --upstream-token-file holding a token of its "
                  "--auth-file"
                : "- the token in --upstream-token-file is not one of its --auth-file")
        << "; its nodes stay hidden";
}

} // namespace lmcf
