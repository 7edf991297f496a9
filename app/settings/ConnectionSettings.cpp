#include "settings/ConnectionSettings.h"

#include <QFile>
#include <QSettings>

namespace lmcf {

namespace {

//! Reads a token file into `token`; error text on failure, empty on success or without a file.
QString readToken(const QString &fileName, QString *token) {
    if (fileName.isEmpty())
        return {};
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("Cannot read token file %1: %2").arg(fileName, file.errorString());
    *token = QString::fromUtf8(file.readAll()).trimmed();
    if (token->isEmpty())
        return QStringLiteral("Token file %1 is empty").arg(fileName);
    return {};
}

} // namespace

ConnectionSettings ConnectionSettings::load(QSettings &settings) {
    ConnectionSettings c;
    c.daemon = QUrl(settings.value(QStringLiteral("connection/daemon")).toString());
    c.tokenFile = settings.value(QStringLiteral("connection/tokenFile")).toString();
    c.recentDaemons = settings.value(QStringLiteral("connection/recent")).toStringList();
    c.historyUrl = QUrl(settings.value(QStringLiteral("connection/historyUrl")).toString());
    c.historyAuth =
        historyAuthFrom(settings.value(QStringLiteral("connection/historyAuth")).toString());
    c.historyTokenFile = settings.value(QStringLiteral("connection/historyTokenFile")).toString();
    return c;
}

void ConnectionSettings::save(QSettings &settings) const {
    settings.setValue(QStringLiteral("connection/daemon"), daemon.toString());
    settings.setValue(QStringLiteral("connection/tokenFile"), tokenFile);
    QStringList recent = recentDaemons;
    recent.removeAll(daemon.toString());
    recent.prepend(daemon.toString());
    while (recent.size() > 10)
        recent.removeLast();
    settings.setValue(QStringLiteral("connection/recent"), recent);
    settings.setValue(QStringLiteral("connection/historyUrl"), historyUrl.toString());
    settings.setValue(QStringLiteral("connection/historyAuth"), toString(historyAuth));
    settings.setValue(QStringLiteral("connection/historyTokenFile"), historyTokenFile);
}

QString ConnectionSettings::readTokenFile() {
    return readToken(tokenFile, &token);
}

QString ConnectionSettings::readHistoryTokenFile() {
    if (historyAuth != HistoryAuth::TokenFile)
        return {};
    if (historyTokenFile.isEmpty())
        return QStringLiteral("The history source needs a token file.");
    return readToken(historyTokenFile, &historyToken);
}

QString ConnectionSettings::historyBearer() const {
    switch (historyAuth) {
    case HistoryAuth::None:
        return {};
    case HistoryAuth::DaemonToken:
        return token;
    case HistoryAuth::TokenFile:
        return historyToken;
    }
    return {};
}

QString ConnectionSettings::toString(HistoryAuth auth) {
    switch (auth) {
    case HistoryAuth::None:
        return QStringLiteral("none");
    case HistoryAuth::DaemonToken:
        return QStringLiteral("daemon-token");
    case HistoryAuth::TokenFile:
        return QStringLiteral("token-file");
    }
    return {};
}

ConnectionSettings::HistoryAuth ConnectionSettings::historyAuthFrom(const QString &text) {
    if (text == QLatin1String("daemon-token"))
        return HistoryAuth::DaemonToken;
    if (text == QLatin1String("token-file"))
        return HistoryAuth::TokenFile;
    return HistoryAuth::None;
}

} // namespace lmcf
