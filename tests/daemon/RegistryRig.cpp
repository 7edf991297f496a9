#include "RegistryRig.h"

#include "WaitUntil.h"
#include "discovery/HeartbeatQuery.h"
#include "net/HttpClient.h"

#include <QNetworkRequest>

#include <optional>

namespace lmcf::test {

HttpResult fetch(const QUrl &url, const QByteArray &method, const QByteArray &body) {
    HttpClient client;
    std::optional<HttpResult> result;
    QNetworkRequest request(url);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    HttpRequestOptions options;
    options.timeoutMs = 10'000;
    client.send(request, method, body, options, nullptr, [&](const HttpResult &r) { result = r; });
    waitUntil([&] { return result.has_value(); }, 11'000);
    return result.value_or(HttpResult{});
}

DaemonOptions InProcessDaemon::defaults(const QString &stateDir) {
    DaemonOptions options;
    options.host = QStringLiteral("127.0.0.1");
    options.port = 0;
    options.stateFile = stateDir + QStringLiteral("/registry.json");
    return options;
}

InProcessDaemon::InProcessDaemon(DaemonOptions options) {
    const DaemonOptions base = defaults(m_dir.path());
    if (options.stateFile.isEmpty())
        options.stateFile = base.stateFile;
    options.host = base.host;
    options.port = 0;
    m_app = std::make_unique<DaemonApp>(options);
}

InProcessDaemon::~InProcessDaemon() {
    m_app->shutdown();
}

bool InProcessDaemon::start() {
    const auto port = m_app->start();
    if (!port)
        return false;
    m_port = port.value();
    return true;
}

QString InProcessDaemon::baseUrl() const {
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

QUrl InProcessDaemon::url(const QString &pathAndQuery) const {
    return QUrl(baseUrl() + pathAndQuery);
}

HttpResult InProcessDaemon::heartbeat(const QString &apiAddress, double intervalS) {
    Heartbeat beat;
    beat.apiAddress = apiAddress;
    beat.pid = 4242;
    beat.version = QStringLiteral("0.3.9");
    beat.otherInfo = QStringLiteral("{\"heartbeat_interval\":%1}").arg(intervalS);
    return fetch(HeartbeatQuery::encode(url(QStringLiteral("/lmcache_heartbeat")), beat));
}

} // namespace lmcf::test
