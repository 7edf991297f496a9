#include "SimFleet.h"

#include "AgentLauncher.h"
#include "SimNode.h"

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

Outcome<int> SimFleet::start() {
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
    qDeleteAll(m_nodes);
    m_nodes.clear();
}

} // namespace lmcf
