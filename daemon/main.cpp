#include "core/CommandLine.h"

#include <QCoreApplication>

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    lmcf::CommandLine::setUp(parser, QStringLiteral("lmcache-fleetd"),
                             QStringLiteral("The LMCache Fleet head-node daemon: discovery "
                                            "registry, reverse proxy and metrics aggregator"));
    parser.process(app);
    return 0;
}
