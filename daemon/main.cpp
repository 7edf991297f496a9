// lmcache-fleetd: flags → DaemonApp → event loop until SIGTERM/SIGINT.
#include "DaemonApp.h"
#include "core/CommandLine.h"
#include "core/LogLevel.h"
#include "core/TerminationSignals.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const auto options = lmcf::DaemonOptions::parse(app.arguments());
    if (!options) {
        std::fprintf(stderr, "lmcache-fleetd: %s\n", qPrintable(options.error()));
        return 2;
    }
    lmcf::LogLevel::apply(options->logLevel);

    lmcf::DaemonApp daemon(options.value());
    if (!daemon.configurationError().isEmpty()) {
        std::fprintf(stderr, "lmcache-fleetd: %s\n", qPrintable(daemon.configurationError()));
        return 2;
    }
    const auto port = daemon.start();
    if (!port) {
        std::fprintf(stderr, "lmcache-fleetd: %s\n", qPrintable(port.error()));
        return 1;
    }
    if (!options->noHttp)
        lmcf::CommandLine::announceListening(options->host, port.value(),
                                             !options->tlsCert.isEmpty());

    lmcf::TerminationSignals signals;
    QObject::connect(&signals, &lmcf::TerminationSignals::terminationRequested, &app, [&] {
        daemon.shutdown();
        app.quit();
    });
    return app.exec();
}
