#include "registry/SelfHeartbeat.h"

#include "net/HeartbeatSender.h"
#include "plugin/AdvertisedAddress.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

namespace lmcf {

namespace {
Q_LOGGING_CATEGORY(lcSelf, "lmcf.daemon.heartbeat")
} // namespace

SelfHeartbeat::SelfHeartbeat(QUrl heartbeatUrl, HttpClient *client, QObject *parent)
    : QObject(parent)
    , m_url(std::move(heartbeatUrl))
    , m_sender(new HeartbeatSender(client, this)) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SelfHeartbeat::send);
}

SelfHeartbeat::~SelfHeartbeat() = default;

QString SelfHeartbeat::advertisedAddress(const QString &listenHost, quint16 port, bool tls) {
    const QString address = AdvertisedAddress::build(QString(), listenHost, port,
                                                     AdvertisedAddress::detectLocalAddresses());
    return tls ? QStringLiteral("https") + address.mid(4) : address;
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
    ++m_sent;
    m_sender->send(m_url, heartbeat, qBound(1000, m_intervalMs, 10'000),
                   [this](const HeartbeatResult &result) {
                       if (result.accepted)
                           ++m_accepted;
                       if (result.accepted != m_lastOk) {
                           if (result.accepted)
                               qCInfo(lcSelf) << "upstream heartbeat accepted again";
                           else
                               qCWarning(lcSelf).noquote()
                                   << "upstream heartbeat failed:" << result.error;
                       }
                       m_lastOk = result.accepted;
                       Q_EMIT beat(result.accepted, result.error);
                       m_timer.start(m_intervalMs);
                   });
}

} // namespace lmcf
