#include "HeartbeatLoop.h"

#include "AgentLog.h"
#include "NodeReport.h"
#include "net/HeartbeatSender.h"
#include "net/HttpClient.h"

#include <QTimer>

#include <climits>

Q_LOGGING_CATEGORY(lcAgent, "lmcf.plugin")

namespace lmcf {

HeartbeatLoop::HeartbeatLoop(Settings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_client(new HttpClient(this, 1))
    , m_sender(new HeartbeatSender(m_client, this))
    , m_timer(new QTimer(this))
    , m_backoff(m_settings.intervalMs, m_settings.seed)
    , m_version(QStringLiteral("1.0.0")) {
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] { beat(nullptr); });
}

HeartbeatLoop::~HeartbeatLoop() = default;

void HeartbeatLoop::start() {
    m_timer->start(int(qMin<qint64>(m_settings.initialDelayMs, INT_MAX)));
}

void HeartbeatLoop::beatOnce(std::function<void(bool)> done) {
    beat(std::move(done));
}

void HeartbeatLoop::beat(std::function<void(bool)> done) {
    // The server may start its HTTP API after launching us: ask until it answers once.
    if (!m_versionKnown && m_settings.nodeUrl.isValid())
        probeVersionThenSend(std::move(done));
    else
        send(std::move(done));
}

void HeartbeatLoop::probeVersionThenSend(std::function<void(bool)> done) {
    HttpRequestOptions options;
    // Beats are sequential, so waiting longer than the interval delays the next beat only.
    options.timeoutMs = qMin(2000, m_settings.timeoutMs);
    options.maxResponseBytes = 4096;
    const QUrl url = m_settings.nodeUrl.resolved(QUrl(QStringLiteral("/version")));
    m_client->get(url, options, this, [this, done = std::move(done)](const HttpResult &result) {
        if (result.ok()) {
            m_version = NodeReport::versionFromBody(result.body);
            m_versionKnown = true;
        }
        send(done);
    });
}

void HeartbeatLoop::send(std::function<void(bool)> done) {
    Heartbeat heartbeat;
    heartbeat.apiAddress = m_settings.apiAddress;
    if (m_settings.pid > 0)
        heartbeat.pid = m_settings.pid;
    heartbeat.version = m_version;
    heartbeat.otherInfo = m_settings.otherInfo;
    m_sender->send(m_settings.heartbeatUrl, heartbeat, qMax(100, m_settings.timeoutMs),
                   [this, done = std::move(done)](const HeartbeatResult &result) {
                       record(result.accepted, result.error);
                       if (done)
                           done(result.accepted);
                       else
                           scheduleNext();
                       Q_EMIT beatFinished(result.accepted);
                   });
}

void HeartbeatLoop::record(bool accepted, const QString &error) {
    m_lastAccepted = accepted;
    if (accepted) {
        if (m_state == State::Failing)
            qCInfo(lcAgent, "recovered: registered again with %s after %d failed heartbeats",
                   qPrintable(m_settings.heartbeatUrl.toString()), m_backoff.failures());
        else if (m_state == State::Starting)
            qCInfo(lcAgent, "registered %s with %s (version %s)", qPrintable(m_settings.apiAddress),
                   qPrintable(m_settings.heartbeatUrl.toString()), qPrintable(m_version));
        m_state = State::Registered;
        m_backoff.reset();
        return;
    }
    if (m_state != State::Failing)
        qCWarning(lcAgent, "failing: heartbeat to %s not accepted (%s); retrying with backoff",
                  qPrintable(m_settings.heartbeatUrl.toString()), qPrintable(error));
    m_state = State::Failing;
}

void HeartbeatLoop::scheduleNext() {
    const qint64 delay = m_lastAccepted ? m_settings.intervalMs : m_backoff.nextDelayMs();
    m_timer->start(int(qMin<qint64>(delay, INT_MAX)));
}

} // namespace lmcf
