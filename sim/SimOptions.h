#pragma once

#include "FaultPlan.h"
#include "NodeApi.h"
#include "WorkloadMetrics.h"
#include "core/Outcome.h"

#include <QCommandLineParser>
#include <QList>
#include <QUrl>

namespace lmcf {

//! The command line of lmcache-fleet-sim.
struct SimOptions final {
    int nodes = 1;
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
};

} // namespace lmcf
