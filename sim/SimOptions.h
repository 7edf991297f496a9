#pragma once

#include "FaultPlan.h"
#include "NodeApi.h"
#include "WorkloadMetrics.h"
#include "core/Outcome.h"

#include <QCommandLineParser>
#include <QList>
#include <QUrl>

namespace lmcf {

//! What a simulated node is: an LMCache MP server, or a vLLM instance (a scheduler and workers,
//! each with LMCache's internal API server, spec §3b).
enum class SimMode { Mp, Vllm };

//! The command line of lmcache-fleet-sim.
struct SimOptions final {
    int nodes = 1;
    SimMode mode = SimMode::Mp;
    int workers = 1;     //!< vLLM mode: workers per node (each node also has a scheduler)
    QStringList plugins; //!< vLLM mode: plugin files/directories (--runtime-plugin-locations)
    int frontendBasePort =
        0; //!< vLLM mode: plugin.frontend.port of node i = base + i; 0 = ephemeral
    QString host = QStringLiteral("127.0.0.1");
    int basePort = 0; //!< node i listens on basePort + i; 0 = ephemeral ports
    QUrl heartbeatUrl;
    double heartbeatIntervalS = 30.0;
    quint32 seed = 1;
    MetricsFamilies families = MetricsFamilies::Both;
    ApiGeneration generation = ApiGeneration::Old;
    FaultSettings faults;
    QList<int> faultNodes; //!< 1-based node numbers the faults apply to; empty = all
    QString agentPath;     //!< empty = look next to this program, then PATH
    bool helpRequested = false;
    bool versionRequested = false;

    //! Parses argv (program name first) with `parser`, which already has --help/--version.
    //! Fails with one line naming the flag.
    static Outcome<SimOptions> parse(QCommandLineParser &parser, const QStringList &arguments);

    //! Where lmcache-heartbeat is: `explicitPath` if given, else next to `programDir` (an
    //! installed tree), then `programDir/../plugin` (the build tree), then PATH. Empty when
    //! not found.
    static QString findAgent(const QString &explicitPath, const QString &programDir);
    //! The vLLM-mode shim scheduler_lmcache_fleet_plugin.sh: next to `programDir`, then
    //! `programDir/../daemon` (the build tree), then /usr/share/lmcache-fleet/plugins. Empty when
    //! not found.
    static QString findVllmPlugin(const QString &programDir);
};

} // namespace lmcf
