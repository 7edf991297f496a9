#include "net/HeartbeatSender.h"

#include "discovery/HeartbeatQuery.h"

namespace lmcf {

HeartbeatSender::HeartbeatSender(HttpClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client) {}

HeartbeatSender::~HeartbeatSender() = default;

void HeartbeatSender::send(const QUrl &heartbeatUrl, const Heartbeat &heartbeat, int timeoutMs,
                           Callback done) {
    HttpRequestOptions options;
    options.timeoutMs = timeoutMs;
    options.maxResponseBytes = 64 * 1024; // the answer is a tiny JSON object
    const QUrl url = HeartbeatQuery::encode(heartbeatUrl, heartbeat);
    m_client->get(url, options, this, [done = std::move(done)](const HttpResult &http) {
        HeartbeatResult result;
        result.status = http.status;
        result.elapsedMs = http.elapsedMs;
        result.accepted = http.ok();
        if (!http.error.isEmpty())
            result.error = http.error;
        else if (!http.ok())
            result.error = QStringLiteral("HTTP %1: %2")
                               .arg(http.status)
                               .arg(QString::fromUtf8(http.body.left(200)).simplified());
        if (done)
            done(result);
    });
}

} // namespace lmcf
