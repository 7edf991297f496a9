#include "registry/SelfHeartbeat.h"

#include "discovery/HeartbeatQuery.h"
#include "net/HttpClient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkInterface>

namespace lmcf {

namespace {
Q_LOGGING_CATEGORY(lcSelf, "lmcf.daemon.heartbeat")

QString detectedHost() {
    QList<QHostAddress> candidates;
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.isLoopback() || address.isLinkLocal() || address.isNull())
            continue;
        candidates.append(address);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const QHostAddress &a, const QHostAddress &b) {
                         return a.protocol() == QAbstractSocket::IPv4Protocol &&
                                b.protocol() != QAbstractSocket::IPv4Protocol;
                     });
    return candidates.isEmpty() ? QStringLiteral("127.0.0.1") : candidates.front().toString();
}
} // namespace

SelfHeartbeat::SelfHeartbeat(QUrl heartbeatUrl, HttpClient *client, QObject *parent)
    : QObject(parent)
    , m_url(std::move(heartbeatUrl))
    , m_client(client) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SelfHeartbeat::send);
}

SelfHeartbeat::~SelfHeartbeat() = default;

QString SelfHeartbeat::advertisedAddress(const QString &listenHost, quint16 port, bool tls) {
    QString host = listenHost.trimmed();
    if (host.isEmpty() || host == u"0.0.0.0" || host == u"::" || host == u"*")
        host = detectedHost();
    if (host.contains(u':') && !host.startsWith(u'['))
        host = u'[' + host + u']';
    return (tls ? QStringLiteral("https://") : QStringLiteral("http://")) + host + u':' +
           QString::number(port);
}

void SelfHeartbeat::start(const QString &advertisedAddress, int intervalMs, int initialDelayMs) {
    m_address = advertisedAddress;
    m_intervalMs = qMax(100, intervalMs);
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_timer.start(qMax(0, initialDelayMs));
}

void SelfHeartbeat::send() {
    Heartbeat heartbeat;
    heartbeat.apiAddress = m_address;
    heartbeat.pid = QCoreApplication::applicationPid();
    heartbeat.version = QCoreApplication::applicationVersion();
    const QJsonObject info{
        {QStringLiteral("role"), QStringLiteral("lmcache-fleetd")},
        {QStringLiteral("heartbeat_interval"), m_intervalMs / 1000.0},
        {QStringLiteral("startup_time"), QDateTime::fromMSecsSinceEpoch(m_startedMs)
                                             .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))}};
    heartbeat.otherInfo = QString::fromUtf8(QJsonDocument(info).toJson(QJsonDocument::Compact));
    HttpRequestOptions options;
    options.timeoutMs = qBound(1000, m_intervalMs, 10'000);
    ++m_sent;
    m_client->get(HeartbeatQuery::encode(m_url, heartbeat), options, this,
                  [this](const HttpResult &result) {
                      const bool ok = result.ok();
                      if (ok)
                          ++m_accepted;
                      if (ok != m_lastOk) {
                          if (ok)
                              qCInfo(lcSelf) << "upstream heartbeat accepted again";
                          else
                              qCWarning(lcSelf).noquote()
                                  << "upstream heartbeat failed:" << result.error << result.status;
                      }
                      m_lastOk = ok;
                      Q_EMIT beat(ok, ok ? QString() : result.error);
                      m_timer.start(m_intervalMs);
                  });
}

} // namespace lmcf
