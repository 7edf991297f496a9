// lmcache-fleetd: flags → DaemonApp → event loop until SIGTERM/SIGINT.
// `lmcache-fleetd token add ...` creates an API token instead.
#include "DaemonApp.h"
#include "auth/TokenStore.h"
#include "core/CommandLine.h"
#include "core/LogLevel.h"
#include "core/TerminationSignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

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

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    if (app.arguments().value(1) == u"token")
        return tokenCommand(app.arguments());
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
