#include "core/CommandLine.h"

#include <QCoreApplication>

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    lmcf::CommandLine::setUp(
        parser, QStringLiteral("lmcache-heartbeat"),
        QStringLiteral("Keeps an LMCache server registered with a discovery registry"));
    parser.process(app);
    return 0;
}
