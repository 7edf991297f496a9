#include "AppOptions.h"

#include "core/CommandLine.h"

#include <QCommandLineParser>

namespace lmcf {

Outcome<AppOptions> AppOptions::parse(const QStringList &arguments) {
    QCommandLineParser parser;
    CommandLine::setUp(parser, QStringLiteral("lmcache-fleet"),
                       QStringLiteral("The LMCache Fleet operator's desktop app."));
    const QCommandLineOption daemon(QStringLiteral("daemon"),
                                    QStringLiteral("Daemon to connect to, e.g. http://head:5000."),
                                    QStringLiteral("URL"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"),
                                       QStringLiteral("File holding the bearer token."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the fleet view, charts and every node page to PNG files in DIR, "
                       "then exit."),
        QStringLiteral("DIR"));
    const QCommandLineOption node(QStringLiteral("node"),
                                  QStringLiteral("Open this node's pages first."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption refresh(
        QStringLiteral("refresh"), QStringLiteral("Seconds between metric refreshes (default 5)."),
        QStringLiteral("SECONDS"), QStringLiteral("5"));
    const QCommandLineOption wait(QStringLiteral("screenshot-wait"),
                                  QStringLiteral("Longest wait for data before screenshots "
                                                 "(default 30)."),
                                  QStringLiteral("SECONDS"), QStringLiteral("30"));
    parser.addOptions({daemon, tokenFile, screenshot, node, refresh, wait});
    parser.process(arguments);

    AppOptions options;
    if (parser.isSet(daemon)) {
        options.daemon = QUrl::fromUserInput(parser.value(daemon));
        if (!options.daemon.isValid() || options.daemon.host().isEmpty())
            return Outcome<AppOptions>::failure(
                QStringLiteral("--daemon: not a URL: %1").arg(parser.value(daemon)));
    }
    options.tokenFile = parser.value(tokenFile);
    options.screenshotDir = parser.value(screenshot);
    options.node = parser.value(node);
    bool ok = false;
    options.refreshSeconds = parser.value(refresh).toInt(&ok);
    if (!ok || options.refreshSeconds < 1 || options.refreshSeconds > 3600)
        return Outcome<AppOptions>::failure(QStringLiteral("--refresh: 1..3600 seconds"));
    options.screenshotWaitSeconds = parser.value(wait).toInt(&ok);
    if (!ok || options.screenshotWaitSeconds < 1)
        return Outcome<AppOptions>::failure(QStringLiteral("--screenshot-wait: seconds >= 1"));
    if (!options.screenshotDir.isEmpty() && !options.daemon.isValid())
        return Outcome<AppOptions>::failure(QStringLiteral("--screenshot needs --daemon URL"));
    return Outcome<AppOptions>::success(options);
}

} // namespace lmcf
