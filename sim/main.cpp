#include "core/CommandLine.h"

#include <QCoreApplication>

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    lmcf::CommandLine::setUp(parser, QStringLiteral("lmcache-fleet-sim"),
                             QStringLiteral("Simulated LMCache nodes with the real HTTP API"));
    parser.process(app);
    return 0;
}
