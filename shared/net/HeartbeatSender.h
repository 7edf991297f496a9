#pragma once

#include "discovery/Heartbeat.h"
#include "net/HttpClient.h"

#include <QObject>
#include <QUrl>

#include <functional>

namespace lmcf {

//! How one heartbeat went: accepted (a 2xx answer) or why not, in one line for a log.
struct HeartbeatResult {
    bool accepted = false;
    int status = 0; //!< HTTP status; 0 when no answer came
    QString error;  //!< empty when accepted
    qint64 elapsedMs = 0;
};

//! Sends one heartbeat (spec §1) as `GET <url>?api_address=…&pid=…&version=…&other_info=…`
//! and reports the outcome as a value. Knows nothing about plugins or schedules: the agent
//! and the daemon's own `--heartbeat-url` both drive it.
class HeartbeatSender final : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const HeartbeatResult &)>;

    //! Uses `client` (not owned; must outlive this object).
    explicit HeartbeatSender(HttpClient *client, QObject *parent = nullptr);
    ~HeartbeatSender() override;

    //! Sends `heartbeat` to `heartbeatUrl`; `done` runs exactly once, on this thread, unless this
    //! sender is destroyed first. A non-2xx status, a refused connection or a timeout
    //! (`timeoutMs`) are reported as not accepted with the reason.
    void send(const QUrl &heartbeatUrl, const Heartbeat &heartbeat, int timeoutMs, Callback done);

private:
    HttpClient *m_client;
};

} // namespace lmcf
