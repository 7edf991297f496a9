// lmcache-fleet-sim: N simulated LMCache MP nodes in one process, until SIGTERM/SIGINT.
#include "SimFleet.h"
#include "SimNode.h"
#include "core/CommandLine.h"
#include "core/TerminationSignals.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    lmcf::CommandLine::setUp(parser, QStringLiteral("lmcache-fleet-sim"),
                             QStringLiteral("Simulated LMCache nodes with the real HTTP API"));
    const auto options = lmcf::SimOptions::parse(parser, app.arguments());
    if (!options) {
        std::fprintf(stderr, "lmcache-fleet-sim: error: %s\n", qPrintable(options.error()));
        return 2;
    }
    if (options->helpRequested)
        parser.showHelp(0);
    if (options->versionRequested)
        parser.showVersion();

    const QString programDir = QCoreApplication::applicationDirPath();
    const bool vllm = options->mode == lmcf::SimMode::Vllm;
    const QString agent =
        vllm ? QString() : lmcf::SimOptions::findAgent(options->agentPath, programDir);
    lmcf::SimOptions settings = options.value();
    if (vllm && settings.plugins.isEmpty())
        settings.plugins << lmcf::SimOptions::findVllmPlugin(programDir);
    if (!options->heartbeatUrl.isEmpty() && !vllm && agent.isEmpty()) {
        std::fprintf(stderr, "lmcache-fleet-sim: error: lmcache-heartbeat not found; pass "
                             "--agent-path\n");
        return 2;
    }
    if (!options->heartbeatUrl.isEmpty() && vllm && settings.plugins.join(QString()).isEmpty()) {
        std::fprintf(stderr, "lmcache-fleet-sim: error: scheduler_lmcache_fleet_plugin.sh not "
                             "found; pass --plugin-locations\n");
        return 2;
    }
    lmcf::SimFleet fleet(settings, agent);
    const auto started = fleet.start();
    if (!started) {
        std::fprintf(stderr, "lmcache-fleet-sim: error: %s\n", qPrintable(started.error()));
        return 1;
    }
    for (const lmcf::SimNode *node : fleet.nodes())
        std::fprintf(stdout, "node %s %s\n", qPrintable(node->name()),
                     qPrintable(node->url().toString()));
    for (const lmcf::SimNode *node : fleet.nodes())
        lmcf::CommandLine::announceListening(options->host, node->port());

    lmcf::TerminationSignals signals;
    QObject::connect(&signals, &lmcf::TerminationSignals::terminationRequested, &app, [&] {
        fleet.stop();
        app.quit();
    });
    return app.exec();
}
