// lmcache-fleetd: flags → DaemonApp → event loop until SIGTERM/SIGINT.
// `lmcache-fleetd token add ...` creates an API token instead; `lmcache-fleetd vllm-plugin`
// is the node-local proxy of a vLLM instance, configured from LMCache's plugin environment.
#include "DaemonApp.h"
#include "ParentWatch.h"
#include "auth/TokenStore.h"
#include "core/CommandLine.h"
#include "core/LogLevel.h"
#include "core/TerminationSignals.h"
#include "plugin/VllmProcessLayout.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <unistd.h>

namespace {

// `token add --role viewer|operator --name NAME --auth-file FILE`: prints the new token once.
int tokenCommand(const QStringList &arguments) {
    QCommandLineParser parser;
    lmcf::CommandLine::setUp(parser, QStringLiteral("lmcache-fleetd"),
                             QStringLiteral("Create an API token: lmcache-fleetd token add "
                                            "--role operator --name NAME --auth-file FILE"));
    parser.addPositionalArgument(QStringLiteral("token"), QStringLiteral("the word 'token'"));
    parser.addPositionalArgument(QStringLiteral("add"), QStringLiteral("the word 'add'"));
    parser.addOption(
        {QStringLiteral("role"), QStringLiteral("viewer or operator."), QStringLiteral("role")});
    parser.addOption(
        {QStringLiteral("name"), QStringLiteral("Who the token is for."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("auth-file"),
                      QStringLiteral("Token file to append to (created 0600)."),
                      QStringLiteral("file")});
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "lmcache-fleetd token: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    const auto role = lmcf::roleFromName(parser.value(QStringLiteral("role")));
    if (parser.positionalArguments() !=
            QStringList{QStringLiteral("token"), QStringLiteral("add")} ||
        !role || parser.value(QStringLiteral("auth-file")).isEmpty()) {
        std::fprintf(stderr, "lmcache-fleetd token: usage: token add --role viewer|operator "
                             "--name NAME --auth-file FILE\n");
        return 2;
    }
    const auto token = lmcf::TokenStore::addToken(parser.value(QStringLiteral("auth-file")),
                                                  parser.value(QStringLiteral("name")), *role);
    if (!token) {
        std::fprintf(stderr, "lmcache-fleetd token: %s\n", qPrintable(token.error()));
        return 1;
    }
    std::printf("%s\n", token->constData());
    std::fprintf(stderr, "token for %s (%s) added to %s; it is shown only this once\n",
                 qPrintable(parser.value(QStringLiteral("name"))),
                 qPrintable(lmcf::roleName(*role)),
                 qPrintable(parser.value(QStringLiteral("auth-file"))));
    return 0;
}

// `vllm-plugin [flags]`: the flags that serve the vLLM instance LMCache's launcher describes in
// the environment (spec §3b), then any given flags (which win).
lmcf::Outcome<lmcf::DaemonOptions> vllmPluginOptions(const QStringList &arguments) {
    const auto layout =
        lmcf::VllmProcessLayout::compute(lmcf::VllmPluginEnvironment::fromProcess());
    if (!layout)
        return lmcf::Outcome<lmcf::DaemonOptions>::failure(QStringLiteral("vllm-plugin: ") +
                                                           layout.error());
    for (const QString &warning : layout->warnings)
        std::fprintf(stderr, "lmcache-fleetd: vllm-plugin: warning: %s\n", qPrintable(warning));
    QStringList names;
    for (const lmcf::VllmProcess &process : layout->processes)
        names << QStringLiteral("%1 (%2:%3)").arg(process.name, process.host).arg(process.port);
    std::fprintf(stderr, "lmcache-fleetd: vllm-plugin: proxying %s; heartbeat to %s\n",
                 qPrintable(names.join(QStringLiteral(", "))),
                 qPrintable(layout->plugin.heartbeatUrl.toString()));
    return lmcf::DaemonOptions::parse(QStringList{arguments.value(0)} + layout->daemonArguments() +
                                      arguments.mid(2));
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    if (app.arguments().value(1) == u"token")
        return tokenCommand(app.arguments());
    const bool vllmPlugin = app.arguments().value(1) == u"vllm-plugin";
    const auto options = vllmPlugin ? vllmPluginOptions(app.arguments())
                                    : lmcf::DaemonOptions::parse(app.arguments());
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
    const auto stop = [&] {
        daemon.shutdown();
        app.quit();
    };
    QObject::connect(&signals, &lmcf::TerminationSignals::terminationRequested, &app, stop);
    // A node proxy lives as long as the vLLM scheduler that launched it, even one SIGKILLed.
    lmcf::ParentWatch parentWatch(getppid());
    if (vllmPlugin) {
        QObject::connect(&parentWatch, &lmcf::ParentWatch::parentGone, &app, stop);
        parentWatch.start();
    }
    return app.exec();
}
