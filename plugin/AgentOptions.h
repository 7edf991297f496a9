#pragma once

#include "core/Outcome.h"
#include "plugin/PluginConfig.h"

#include <QCommandLineParser>
#include <QHostAddress>
#include <QProcessEnvironment>
#include <QUrl>

namespace lmcf {

//! Everything lmcache-heartbeat runs with: LMCACHE_RUNTIME_PLUGIN_CONFIG (when launched by
//! LMCache) overlaid by flags (standalone use; flags win).
struct AgentOptions final {
    PluginConfig config;
    QString apiAddress; //!< what the heartbeat announces (normalised base URL)
    QUrl nodeUrl;       //!< where the node's own API is asked for `/version`
    qint64 pid = 0;     //!< the MP server we serve (our parent unless --pid)
    bool once = false;  //!< one heartbeat, exit 0 when accepted, 1 otherwise
    bool helpRequested = false;
    bool versionRequested = false;

    //! Parses `arguments` (argv, program name first) with `parser`, which already has --help and
    //! --version (CommandLine::setUp); the agent's options are added here. Reads
    //! `environment`. `parentPid` and `localAddresses` are injected so this stays testable.
    //! Fails with one line naming the flag or key on a bad flag, a bad config or a missing
    //! heartbeat URL / node port. Config warnings are kept in `config.warnings`.
    static Outcome<AgentOptions> parse(QCommandLineParser &parser, const QStringList &arguments,
                                       const QProcessEnvironment &environment, qint64 parentPid,
                                       const QList<QHostAddress> &localAddresses);
};

} // namespace lmcf
