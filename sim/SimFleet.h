#pragma once

#include "SimNode.h"
#include "SimOptions.h"
#include "core/Outcome.h"

#include <QList>
#include <QObject>

namespace lmcf {

class SimNode;

class AgentLauncher;

//! N simulated nodes in one process, named sim-node-01, sim-node-02, … In vLLM mode each node
//! is a vLLM instance `sim-vllm-01`, … of one scheduler and W workers, each an LMCache internal
//! API server (`sim-vllm-01_scheduler`, `sim-vllm-01_worker0`, … on consecutive ports from the
//! instance's port start), and with a heartbeat URL the scheduler's plugins (by default the
//! scheduler_lmcache_fleet_plugin.sh shim) are launched as LMCache's launcher would.
class SimFleet final : public QObject {
    Q_OBJECT
public:
    //! `agentPath`: the resolved lmcache-heartbeat (used only with a heartbeat URL).
    SimFleet(SimOptions options, QString agentPath, QObject *parent = nullptr);
    ~SimFleet() override;

    //! Starts every node; on the first failure stops those started and says which node failed.
    Outcome<int> start();
    //! Stops every agent (SIGTERM to all, then waits) and every listener.
    void stop();

    //! Every simulated server: the nodes, or in vLLM mode every process, instance by instance.
    const QList<SimNode *> &nodes() const { return m_nodes; }
    //! vLLM mode: the plugins launched (one per instance for the default shim).
    const QList<AgentLauncher *> &plugins() const { return m_plugins; }

    static QString nodeName(int index, int count);
    static QString vllmInstanceName(int index, int count);
    //! The LMCACHE_RUNTIME_PLUGIN_CONFIG a vLLM scheduler passes its plugins: its engine config
    //! with `extra_config` holding the plugin.frontend.* keys.
    static QByteArray vllmPluginConfig(const NodeIdentity &scheduler, const QUrl &heartbeatUrl,
                                       double intervalS, int frontendPort);

private:
    Outcome<int> startMp();
    Outcome<int> startVllm();
    //! Starts one instance's processes on consecutive ports (retrying another block when an
    //! ephemeral start leaves a busy neighbour). Returns the scheduler's port.
    Outcome<quint16> startVllmInstance(int index);
    SimNodeSettings vllmSettings(int index, int workerId, quint16 port) const;
    //! Launches the plugins of every process of instance `index`, as LMCache's launcher.
    Outcome<int> launchVllmPlugins(int index, const QList<SimNode *> &processes);

    SimOptions m_options;
    QString m_agentPath;
    QList<SimNode *> m_nodes;
    QList<AgentLauncher *> m_plugins;
};

} // namespace lmcf
