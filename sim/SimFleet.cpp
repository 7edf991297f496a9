#include "SimFleet.h"

#include "AgentLauncher.h"
#include "PluginFiles.h"
#include "SimNode.h"

#include <QJsonDocument>

namespace lmcf {

namespace {
const QStringList kModels = {QStringLiteral("meta-llama/Llama-3.1-8B-Instruct"),
                             QStringLiteral("Qwen/Qwen2.5-7B-Instruct"),
                             QStringLiteral("mistralai/Mistral-7B-Instruct-v0.3")};
}

SimFleet::SimFleet(SimOptions options, QString agentPath, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_agentPath(std::move(agentPath)) {}

SimFleet::~SimFleet() {
    stop();
}

QString SimFleet::nodeName(int index, int count) {
    const int width = qMax(2, int(QString::number(count).size()));
    return QStringLiteral("sim-node-%1").arg(index + 1, width, 10, QLatin1Char('0'));
}

QString SimFleet::vllmInstanceName(int index, int count) {
    return nodeName(index, count).replace(QStringLiteral("sim-node"), QStringLiteral("sim-vllm"));
}

Outcome<int> SimFleet::start() {
    return m_options.mode == SimMode::Vllm ? startVllm() : startMp();
}

Outcome<int> SimFleet::startMp() {
    for (int i = 0; i < m_options.nodes; ++i) {
        SimNodeSettings settings;
        settings.identity.name = nodeName(i, m_options.nodes);
        settings.identity.host = m_options.host;
        settings.identity.port = m_options.basePort > 0 ? quint16(m_options.basePort + i) : 0;
        settings.identity.index = i;
        settings.identity.modelName = kModels[i % kModels.size()];
        settings.seed = m_options.seed * 7919u + quint32(i) * 104729u + 1u;
        settings.generation = m_options.generation;
        settings.families = m_options.families;
        if (m_options.faultNodes.isEmpty() || m_options.faultNodes.contains(i + 1))
            settings.faults = m_options.faults;
        settings.heartbeatUrl = m_options.heartbeatUrl;
        settings.heartbeatIntervalS = m_options.heartbeatIntervalS;
        settings.agentPath = m_agentPath;
        auto *node = new SimNode(settings, this);
        m_nodes << node;
        const auto port = node->start();
        if (!port) {
            stop();
            return Outcome<int>::failure(settings.identity.name + QStringLiteral(": ") +
                                         port.error());
        }
    }
    return Outcome<int>::success(int(m_nodes.size()));
}

void SimFleet::stop() {
    // SIGTERM to every agent first, so a hundred agents stop in parallel, not one by one.
    for (SimNode *node : std::as_const(m_nodes)) {
        if (node->agent())
            node->agent()->requestStop();
    }
    for (AgentLauncher *plugin : std::as_const(m_plugins))
        plugin->requestStop();
    qDeleteAll(m_plugins);
    m_plugins.clear();
    qDeleteAll(m_nodes);
    m_nodes.clear();
}

} // namespace lmcf

namespace lmcf {

SimNodeSettings SimFleet::vllmSettings(int index, int workerId, quint16 port) const {
    SimNodeSettings settings;
    NodeIdentity &identity = settings.identity;
    identity.instance = vllmInstanceName(index, m_options.nodes);
    identity.name = identity.instance + (workerId < 0 ? QStringLiteral("_scheduler")
                                                      : QStringLiteral("_worker%1").arg(workerId));
    identity.host = m_options.host;
    identity.port = port;
    identity.index = index;
    identity.workerId = workerId;
    identity.workerCount = m_options.workers;
    identity.modelName = kModels[index % kModels.size()];
    // Workers of one instance see the same traffic pattern, shifted.
    settings.seed = m_options.seed * 7919u + quint32(index) * 104729u + quint32(workerId + 2);
    settings.families = MetricsFamilies::Vllm;
    if (m_options.faultNodes.isEmpty() || m_options.faultNodes.contains(index + 1))
        settings.faults = m_options.faults;
    return settings;
}

Outcome<quint16> SimFleet::startVllmInstance(int index) {
    const int count = m_options.workers + 1;
    const bool ephemeral = m_options.basePort == 0;
    QString why;
    for (int attempt = 0; attempt < (ephemeral ? 20 : 1); ++attempt) {
        QList<SimNode *> processes;
        quint16 start = ephemeral ? 0 : quint16(m_options.basePort + index * count);
        for (int p = 0; p < count; ++p) {
            auto *node = new SimNode(vllmSettings(index, p - 1, p == 0 ? start : start + p), this);
            processes << node;
            const auto port = node->start();
            if (!port) {
                why = node->name() + QStringLiteral(": ") + port.error();
                break;
            }
            if (p == 0)
                start = port.value();
        }
        if (processes.size() == count && processes.back()->isListening()) {
            m_nodes += processes;
            return Outcome<quint16>::success(start);
        }
        qDeleteAll(processes);
    }
    return Outcome<quint16>::failure(why);
}

Outcome<int> SimFleet::startVllm() {
    for (int i = 0; i < m_options.nodes; ++i) {
        const auto started = startVllmInstance(i);
        if (!started) {
            stop();
            return Outcome<int>::failure(started.error());
        }
        if (m_options.heartbeatUrl.isEmpty())
            continue;
        const auto launched =
            launchVllmPlugins(i, m_nodes.mid(m_nodes.size() - m_options.workers - 1));
        if (!launched) {
            stop();
            return launched;
        }
    }
    return Outcome<int>::success(int(m_nodes.size()));
}

QByteArray SimFleet::vllmPluginConfig(const NodeIdentity &scheduler, const QUrl &heartbeatUrl,
                                      double intervalS, int frontendPort) {
    QJsonObject config = NodeDocuments::engineConfiguration(scheduler);
    config.insert(
        QStringLiteral("extra_config"),
        QJsonObject{{QStringLiteral("plugin.frontend.heartbeat-url"), heartbeatUrl.toString()},
                    {QStringLiteral("plugin.frontend.heartbeat-interval"), intervalS},
                    {QStringLiteral("plugin.frontend.port"), frontendPort},
                    {QStringLiteral("plugin.frontend.host"), scheduler.host},
                    // The secrets are fake: the head alone decides about /env.
                    {QStringLiteral("plugin.frontend.allow-node-path"), QStringLiteral("/env")}});
    return QJsonDocument(config).toJson(QJsonDocument::Compact);
}

Outcome<int> SimFleet::launchVllmPlugins(int index, const QList<SimNode *> &processes) {
    const int frontendPort =
        m_options.frontendBasePort > 0 ? m_options.frontendBasePort + index : 0;
    const QByteArray config =
        vllmPluginConfig(processes.front()->identity(), m_options.heartbeatUrl,
                         m_options.heartbeatIntervalS, frontendPort);
    int launched = 0;
    for (SimNode *process : processes) {
        const int workerId = process->identity().workerId;
        const QString role = workerId < 0 ? QStringLiteral("SCHEDULER") : QStringLiteral("WORKER");
        for (const QString &file : PluginFiles::select(m_options.plugins, role, workerId)) {
            auto *plugin = new AgentLauncher(file, this);
            m_plugins << plugin;
            if (!plugin->launch({config, role, m_options.workers, qMax(0, workerId), {}}))
                return Outcome<int>::failure(plugin->errorText());
            ++launched;
        }
    }
    return Outcome<int>::success(launched);
}

} // namespace lmcf
