// lmcache-heartbeat: LMCACHE_RUNTIME_PLUGIN_CONFIG + flags → HeartbeatLoop, until SIGTERM/SIGINT
// or until the LMCache server we serve is gone.
#include "AgentLog.h"
#include "AgentOptions.h"
#include "HeartbeatLoop.h"
#include "NodeReport.h"
#include "ParentWatch.h"
#include "core/CommandLine.h"
#include "core/TerminationSignals.h"
#include "plugin/AdvertisedAddress.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cstdio>
#include <unistd.h>

namespace {

lmcf::HeartbeatLoop::Settings loopSettings(const lmcf::AgentOptions &options) {
    lmcf::HeartbeatLoop::Settings settings;
    settings.heartbeatUrl = options.config.heartbeatUrl;
    settings.nodeUrl = options.nodeUrl;
    settings.apiAddress = options.apiAddress;
    settings.pid = options.pid;
    settings.otherInfo = lmcf::NodeReport::otherInfo(options.config, QDateTime::currentDateTime());
    settings.intervalMs = qint64(options.config.heartbeatIntervalS * 1000.0);
    settings.initialDelayMs = qint64(options.config.heartbeatInitialDelayS * 1000.0);
    settings.seed = quint32(::getpid());
    return settings;
}

} // namespace

int main(int argc, char *argv[]) {
    // Small footprint: the plain UNIX event loop, glib's adds pages and wake-ups for nothing.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    qSetMessagePattern(QStringLiteral("lmcache-heartbeat: %{if-warning}warning: %{endif}"
                                      "%{if-critical}error: %{endif}%{message}"));
    const qint64 parentPid = ::getppid();
    QCommandLineParser parser;
    lmcf::CommandLine::setUp(parser, QStringLiteral("lmcache-heartbeat"),
                             QStringLiteral("Keeps an LMCache server registered with a discovery "
                                            "registry (an LMCache runtime plugin)"));
    const auto options =
        lmcf::AgentOptions::parse(parser, app.arguments(), QProcessEnvironment::systemEnvironment(),
                                  parentPid, lmcf::AdvertisedAddress::detectLocalAddresses());
    if (!options) {
        std::fprintf(stderr, "lmcache-heartbeat: error: %s\n", qPrintable(options.error()));
        return 2;
    }
    if (options->helpRequested)
        parser.showHelp(0);
    if (options->versionRequested)
        parser.showVersion();
    for (const QString &warning : options->config.warnings)
        qCWarning(lcAgent, "%s", qPrintable(warning));

    lmcf::TerminationSignals signals;
    QObject::connect(&signals, &lmcf::TerminationSignals::terminationRequested, &app,
                     [&app] { app.exit(0); });
    lmcf::ParentWatch parentWatch(parentPid);
    QObject::connect(&parentWatch, &lmcf::ParentWatch::parentGone, &app, [&app] {
        qCInfo(lcAgent, "the LMCache server is gone; exiting");
        app.exit(0);
    });

    lmcf::HeartbeatLoop loop(loopSettings(options.value()));
    if (options->once) {
        loop.beatOnce([&app](bool accepted) { app.exit(accepted ? 0 : 1); });
    } else {
        qCInfo(lcAgent, "reporting %s to %s every %g s", qPrintable(options->apiAddress),
               qPrintable(options->config.heartbeatUrl.toString()),
               options->config.heartbeatIntervalS);
        parentWatch.start();
        loop.start();
    }
    return app.exec();
}
