#pragma once

#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

class QProcess;

namespace lmcf {

struct NodeIdentity;

//! Runs a real lmcache-heartbeat beside a simulated node, exactly as LMCache's plugin launcher
//! would: LMCACHE_RUNTIME_PLUGIN_CONFIG (spec §3) plus the role/worker variables and their
//! legacy twins; its stderr goes to ours (the server's log); SIGTERM to stop it.
class AgentLauncher final : public QObject {
    Q_OBJECT
public:
    explicit AgentLauncher(QString agentPath, QObject *parent = nullptr);
    ~AgentLauncher() override;

    //! Starts the agent for `node` (its host and port set); false (with errorText()) if it cannot
    //! run.
    bool start(const NodeIdentity &node, const QUrl &heartbeatUrl, double intervalS);
    //! Runs the program as LMCache's launcher runs a plugin (a `.sh` through its shebang): with
    //! LMCACHE_RUNTIME_PLUGIN_{CONFIG,ROLE,WORKER_COUNT,WORKER_ID} and their LMCACHE_PLUGIN_*
    //! twins set, plus `extra` variables; false (with errorText()) if it cannot start.
    struct Launch {
        QByteArray config;
        QString role; //!< "" (MP server), "SCHEDULER" or "WORKER"
        int workerCount = 1;
        int workerId = 0;
        QList<QPair<QString, QString>> extra;
    };
    bool launch(const Launch &launch);
    //! SIGTERM, then SIGKILL after `timeoutMs`. Safe when not running.
    void stop(int timeoutMs = 2000);
    //! Sends SIGTERM without waiting (a fleet stops all agents first, then waits).
    void requestStop();
    bool isRunning() const;
    qint64 pid() const;
    QString errorText() const { return m_error; }

    //! The LMCACHE_RUNTIME_PLUGIN_CONFIG JSON LMCache would pass for that node.
    static QByteArray pluginConfig(const NodeIdentity &node, const QUrl &heartbeatUrl,
                                   double intervalS);

private:
    QString m_agentPath;
    QProcess *m_process = nullptr;
    QString m_error;
};

} // namespace lmcf
