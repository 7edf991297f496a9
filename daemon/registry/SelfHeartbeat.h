#pragma once

#include <QObject>
#include <QTimer>
#include <QUrl>

namespace lmcf {

class HeartbeatSender;
class HttpClient;

//! `--heartbeat-url`: the daemon heartbeats itself to an upstream registry like any agent
//! (spec §1), advertising `http://<host or detected IP>:<port>`, so a head daemon sees it as a
//! proxy and finds its nodes through its `/api/nodes` (frontend of frontends). other_info
//! carries `heartbeat_interval` so the upstream expires it on our schedule. Sent with the
//! agent's HeartbeatSender.
class SelfHeartbeat final : public QObject {
    Q_OBJECT
public:
    //! `client` is not owned and must outlive this object.
    SelfHeartbeat(QUrl heartbeatUrl, HttpClient *client, QObject *parent = nullptr);
    ~SelfHeartbeat() override;

    //! Starts after `initialDelayMs`, then every `intervalMs`, announcing `advertisedAddress`.
    void start(const QString &advertisedAddress, int intervalMs, int initialDelayMs);
    int sent() const { return m_sent; }
    int accepted() const { return m_accepted; }

    //! `http(s)://<host>:<port>` as an agent advertises it (AdvertisedAddress): a wildcard host
    //! (0.0.0.0, ::, empty) becomes this machine's first usable address, never a wildcard.
    static QString advertisedAddress(const QString &listenHost, quint16 port, bool tls);

Q_SIGNALS:
    void beat(bool accepted, const QString &problem);

private:
    void send();

    QUrl m_url;
    HeartbeatSender *m_sender;
    QString m_address;
    QTimer m_timer;
    qint64 m_startedMs = 0;
    int m_intervalMs = 30'000;
    int m_sent = 0;
    int m_accepted = 0;
    bool m_lastOk = true;
};

} // namespace lmcf
