#include "core/CommandLine.h"

#include <QCoreApplication>
#include <QHostAddress>

#include <cstdio>

namespace lmcf::CommandLine {

void setUp(QCommandLineParser &parser, const QString &programName, const QString &description) {
    QCoreApplication::setApplicationName(programName);
    QCoreApplication::setApplicationVersion(QStringLiteral(LMCF_VERSION_STRING));
    QCoreApplication::setOrganizationName(QStringLiteral("LMCache"));
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addVersionOption();
}

void announceListening(const QString &host, quint16 port, bool tls) {
    // IPv6 literals need brackets to form a URL an operator can paste.
    QString shown = host;
    if (QHostAddress(host).protocol() == QAbstractSocket::IPv6Protocol)
        shown = u'[' + host + u']';
    const QString line = (tls ? QStringLiteral("https://") : QStringLiteral("http://")) + shown +
                         u':' + QString::number(port);
    std::fprintf(stdout, "listening on %s\n", qPrintable(line));
    std::fflush(stdout);
}

} // namespace lmcf::CommandLine
