#pragma once

#include "core/Outcome.h"
#include "plugin/PluginConfig.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace lmcf {

//! One LMCache instance inside a vLLM process, as the node-local proxy reaches it: its internal
//! API server (spec §3b).
struct VllmProcess {
    QString name; //!< `<instance>_scheduler` or `<instance>_worker<i>`
    QString host; //!< a wildcard listen host becomes 127.0.0.1 (the proxy runs beside it)
    int port = 0;

    bool operator==(const VllmProcess &other) const = default;
};

//! What LMCache's launcher tells a scheduler plugin in vLLM mode, as text from the environment.
struct VllmPluginEnvironment {
    QByteArray config;    //!< LMCACHE_RUNTIME_PLUGIN_CONFIG (or the legacy LMCACHE_PLUGIN_CONFIG)
    QString role;         //!< ..._ROLE: SCHEDULER or WORKER
    QString workerCount;  //!< ..._WORKER_COUNT
    QString frontendPort; //!< LMCACHE_FRONTEND_PORT
    QString hostName;     //!< this machine's name (names the instance when the config does not)

    //! Reads the variables of this process (the new names first, then the legacy twins).
    static VllmPluginEnvironment fromProcess();
};

//! The node-local proxy of one vLLM instance (spec §3b): which processes it serves, where it
//! listens and where it heartbeats, computed from the plugin environment exactly as the
//! original (`get_all_server_infos`): the scheduler at `internal_api_server_port_start`, worker
//! i at start + 1 + i, both only when their index (0 = scheduler, 1 + i = worker i) is in
//! `internal_api_server_include_index_list` (absent or null = all). Pure: no I/O.
struct VllmProcessLayout {
    QString instance; //!< `lmcache_instance_id`, else `<host name>_<port start>`
    QList<VllmProcess> processes;
    QString bindHost = QStringLiteral("0.0.0.0"); //!< `plugin.frontend.host`
    int bindPort = 8000;         //!< `plugin.frontend.port`, else LMCACHE_FRONTEND_PORT, else 8000
    PluginConfig plugin;         //!< heartbeat URL, interval, initial delay
    QString authFile;            //!< `plugin.frontend.auth-file`
    bool insecureNoAuth = false; //!< `plugin.frontend.insecure-no-auth`
    QString logLevel;            //!< `plugin.frontend.log-level`; empty = the daemon's default
    //! `plugin.frontend.allow-node-path`: a path or a list of paths (e.g. `/env`) the node proxy
    //! lets through although it blocks them by default.
    QStringList allowedNodePaths;
    QStringList warnings; //!< not fatal (unknown keys, include indices out of range)

    //! Computes the layout. Fails with one line naming the variable or config key when: the
    //! config is missing or not a vLLM engine config, the role is not SCHEDULER (a worker-side
    //! copy must not start a second proxy), the worker count is not an integer 0..1024, the
    //! internal API server is disabled or uses Unix sockets (`internal_api_server_socket_path_
    //! prefix`: the proxy reaches TCP servers only), a port or index is out of range, the
    //! instance id is not usable as a node name, no heartbeat URL is set, or no process is left.
    static Outcome<VllmProcessLayout> compute(const VllmPluginEnvironment &environment);

    //! `[{"name","host","port"}, ...]`: the daemon's `--nodes`.
    QByteArray nodesJson() const;
    //! The `lmcache-fleetd` flags that serve this layout: --host --port --nodes --heartbeat-url
    //! --heartbeat-interval --heartbeat-initial-delay --state-file /dev/null (a node-local proxy
    //! keeps no registry), and --auth-file / --insecure-no-auth / --log-level /
    //! --allow-node-path when set.
    QStringList daemonArguments() const;
};

} // namespace lmcf
