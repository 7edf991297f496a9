#include "core/CommandLine.h"

#include <QApplication>

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QCommandLineParser parser;
    lmcf::CommandLine::setUp(parser, QStringLiteral("lmcache-fleet"),
                             QStringLiteral("The LMCache Fleet operator's desktop app"));
    parser.process(app);
    return 0;
}
