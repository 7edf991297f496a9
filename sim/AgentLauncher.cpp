#include "AgentLauncher.h"

#include "NodeDocuments.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace lmcf {

AgentLauncher::AgentLauncher(QString agentPath, QObject *parent)
    : QObject(parent)
    , m_agentPath(std::move(agentPath)) {}

AgentLauncher::~AgentLauncher() {
    stop(1000);
}

QByteArray AgentLauncher::pluginConfig(const NodeIdentity &node, const QUrl &heartbeatUrl,
                                       double intervalS) {
    // The node's own effective configuration plus the plugin keys, as LMCache passes them.
    QJsonObject config = NodeDocuments::configuration(node);
    config.insert(
        QStringLiteral("runtime_plugin_extra_config"),
        QJsonObject{{QStringLiteral("plugin.frontend.heartbeat-url"), heartbeatUrl.toString()},
                    {QStringLiteral("plugin.frontend.heartbeat-interval"), intervalS},
                    {QStringLiteral("plugin.frontend.heartbeat-initial-delay"), 0}});
    return QJsonDocument(config).toJson(QJsonDocument::Compact);
}

bool AgentLauncher::start(const NodeIdentity &node, const QUrl &heartbeatUrl, double intervalS) {
    // MP mode: no role, one worker, worker 0 (LMCache's launcher).
    return launch({pluginConfig(node, heartbeatUrl, intervalS), QString(), 1, 0, {}});
}

bool AgentLauncher::launch(const Launch &launch) {
    stop();
    m_process = new QProcess(this);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &prefix :
         {QStringLiteral("LMCACHE_RUNTIME_PLUGIN_"), QStringLiteral("LMCACHE_PLUGIN_")}) {
        environment.insert(prefix + QStringLiteral("CONFIG"), QString::fromUtf8(launch.config));
        environment.insert(prefix + QStringLiteral("ROLE"), launch.role);
        environment.insert(prefix + QStringLiteral("WORKER_COUNT"),
                           QString::number(launch.workerCount));
        environment.insert(prefix + QStringLiteral("WORKER_ID"), QString::number(launch.workerId));
    }
    environment.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    for (const auto &[name, value] : launch.extra)
        environment.insert(name, value);
    m_process->setProcessEnvironment(environment);
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->start(m_agentPath, {});
    if (!m_process->waitForStarted(5000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(m_agentPath, m_process->errorString());
        delete m_process;
        m_process = nullptr;
        return false;
    }
    return true;
}

void AgentLauncher::requestStop() {
    if (m_process && m_process->state() != QProcess::NotRunning)
        m_process->terminate();
}

void AgentLauncher::stop(int timeoutMs) {
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(timeoutMs)) {
            m_process->kill();
            m_process->waitForFinished(timeoutMs);
        }
    }
    delete m_process;
    m_process = nullptr;
}

bool AgentLauncher::isRunning() const {
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 AgentLauncher::pid() const {
    return m_process ? m_process->processId() : 0;
}

} // namespace lmcf
