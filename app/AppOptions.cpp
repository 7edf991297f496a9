#include "AppOptions.h"

#include "core/CommandLine.h"
#include "settings/ConnectionSettings.h"

#include <QCommandLineParser>

#include <algorithm>

namespace lmcf {

Outcome<QUrl> AppOptions::parseHistoryUrl(const QString &text) {
    if (text == QLatin1String("daemon"))
        return Outcome<QUrl>::success(QUrl());
    const QUrl url = QUrl::fromUserInput(text);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return Outcome<QUrl>::failure(
            QStringLiteral("--history-url: not an http(s) URL or \"daemon\": %1").arg(text));
    return Outcome<QUrl>::success(url);
}

QString AppOptions::takeHistory(const std::optional<QString> &url, const QString &tokenFile) {
    if (url) {
        const auto parsed = parseHistoryUrl(*url);
        if (!parsed)
            return parsed.error();
        historyUrl = *parsed;
    }
    historyTokenFile = tokenFile;
    if (!historyTokenFile.isEmpty() && !historyUrl)
        return QStringLiteral("--history-token-file needs --history-url URL");
    return {};
}

Outcome<AppOptions> AppOptions::parse(const QStringList &arguments) {
    QCommandLineParser parser;
    CommandLine::setUp(parser, QStringLiteral("lmcache-fleet"),
                       QStringLiteral("The LMCache Fleet operator's desktop app."));
    const QCommandLineOption daemon(
        QStringLiteral("daemon"),
        QStringLiteral("Daemon to connect to, e.g. http://head:5000; repeat it for several "
                       "daemons (a window each)."),
        QStringLiteral("URL"));
    const QCommandLineOption tokenFile(
        QStringLiteral("token-file"),
        QStringLiteral("File holding the bearer token; one for every --daemon (in order), or "
                       "one for all."),
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
    const QCommandLineOption historyUrl(
        QStringLiteral("history-url"),
        QStringLiteral("Load chart history from this Prometheus (anything serving its "
                       "/api/v1/query_range), e.g. http://prometheus:9090; \"daemon\" = the "
                       "daemon's built-in history."),
        QStringLiteral("URL"));
    const QCommandLineOption historyTokenFile(
        QStringLiteral("history-token-file"),
        QStringLiteral("File holding a bearer token for --history-url."), QStringLiteral("FILE"));
    parser.addOptions(
        {daemon, tokenFile, screenshot, node, refresh, wait, historyUrl, historyTokenFile});
    parser.process(arguments);

    AppOptions options;
    if (const QString problem =
            options.takeDaemons(parser.values(daemon), parser.values(tokenFile));
        !problem.isEmpty())
        return Outcome<AppOptions>::failure(problem);
    if (const QString problem = options.takeHistory(
            parser.isSet(historyUrl) ? parser.value(historyUrl) : std::optional<QString>(),
            parser.value(historyTokenFile));
        !problem.isEmpty())
        return Outcome<AppOptions>::failure(problem);
    options.screenshotDir = parser.value(screenshot);
    options.node = parser.value(node);
    bool ok = false;
    options.refreshSeconds = parser.value(refresh).toInt(&ok);
    if (!ok || options.refreshSeconds < 1 || options.refreshSeconds > 3600)
        return Outcome<AppOptions>::failure(QStringLiteral("--refresh: 1..3600 seconds"));
    options.screenshotWaitSeconds = parser.value(wait).toInt(&ok);
    if (!ok || options.screenshotWaitSeconds < 1)
        return Outcome<AppOptions>::failure(QStringLiteral("--screenshot-wait: seconds >= 1"));
    if (!options.screenshotDir.isEmpty() && options.daemons.size() != 1)
        return Outcome<AppOptions>::failure(
            QStringLiteral("--screenshot needs exactly one --daemon URL"));
    return Outcome<AppOptions>::success(options);
}

QString AppOptions::takeDaemons(const QStringList &urls, const QStringList &files) {
    for (const QString &text : urls) {
        const QUrl url = QUrl::fromUserInput(text);
        if (!url.isValid() || url.host().isEmpty())
            return QStringLiteral("--daemon: not a URL: %1").arg(text);
        daemons << url;
    }
    tokenFiles = files;
    if (tokenFiles.size() > 1 && tokenFiles.size() != daemons.size())
        return QStringLiteral("--token-file: give one for all daemons, or one for every "
                              "--daemon in the same order (%1 daemons, %2 token files)")
            .arg(daemons.size())
            .arg(tokenFiles.size());
    return {};
}

QList<ConnectionSettings> AppOptions::connections(const ConnectionSettings &remembered) const {
    QList<ConnectionSettings> result;
    for (qsizetype i = 0; i < std::max<qsizetype>(daemons.size(), 1); ++i) {
        ConnectionSettings one = remembered;
        applyTo(one, i);
        result << one;
    }
    return result;
}

void AppOptions::applyTo(ConnectionSettings &connection, qsizetype index) const {
    if (index < daemons.size()) {
        // A remembered token file belongs to the daemon it was remembered with.
        if (daemons[index] != connection.daemon)
            connection.tokenFile.clear();
        connection.daemon = daemons[index];
    }
    if (!tokenFiles.isEmpty())
        connection.tokenFile = tokenFiles[tokenFiles.size() == 1 ? 0 : index];
    if (historyUrl) {
        connection.historyUrl = *historyUrl;
        connection.historyTokenFile = historyTokenFile;
        connection.historyAuth = historyTokenFile.isEmpty()
                                     ? ConnectionSettings::HistoryAuth::None
                                     : ConnectionSettings::HistoryAuth::TokenFile;
    }
}

} // namespace lmcf
