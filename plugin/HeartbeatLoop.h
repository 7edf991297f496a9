#pragma once

#include "BackoffSchedule.h"

#include <QObject>
#include <QUrl>

#include <functional>

class QTimer;

namespace lmcf {

class HttpClient;
class HeartbeatSender;

//! Keeps one node registered: a heartbeat every interval (after an initial delay), exponential
//! backoff with jitter while the registry fails, back to the interval on success. Logs one line
//! per state change (registered / failing / recovered), never one per beat. Between beats it
//! only waits on a timer.
class HeartbeatLoop final : public QObject {
    Q_OBJECT
public:
    struct Settings {
        QUrl heartbeatUrl;
        QUrl nodeUrl; //!< the node's API, asked for `/version` until it answers
        QString apiAddress;
        qint64 pid = 0;
        QString otherInfo;
        qint64 intervalMs = 30000;
        qint64 initialDelayMs = 0;
        quint32 seed = 0;
        int timeoutMs = 5000;
    };
    enum class State { Starting, Registered, Failing };
    Q_ENUM(State)

    explicit HeartbeatLoop(Settings settings, QObject *parent = nullptr);
    ~HeartbeatLoop() override;

    //! Starts beating (first beat after the initial delay).
    void start();
    //! One beat now, no schedule; `done(accepted)` runs once.
    void beatOnce(std::function<void(bool)> done);

    State state() const { return m_state; }
    QString version() const { return m_version; }

Q_SIGNALS:
    void beatFinished(bool accepted);

private:
    void beat(std::function<void(bool)> done);
    void probeVersionThenSend(std::function<void(bool)> done);
    void send(std::function<void(bool)> done);
    void record(bool accepted, const QString &error);
    void scheduleNext();

    Settings m_settings;
    HttpClient *m_client;
    HeartbeatSender *m_sender;
    QTimer *m_timer;
    BackoffSchedule m_backoff;
    State m_state = State::Starting;
    QString m_version;
    bool m_versionKnown = false;
    bool m_lastAccepted = false;
};

} // namespace lmcf
