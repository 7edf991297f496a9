#include "settings/ConnectionSettings.h"

#include <QFile>
#include <QSettings>

namespace lmcf {

ConnectionSettings ConnectionSettings::load(QSettings &settings) {
    ConnectionSettings c;
    c.daemon = QUrl(settings.value(QStringLiteral("connection/daemon")).toString());
    c.tokenFile = settings.value(QStringLiteral("connection/tokenFile")).toString();
    c.recentDaemons = settings.value(QStringLiteral("connection/recent")).toStringList();
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
}

QString ConnectionSettings::readTokenFile() {
    if (tokenFile.isEmpty())
        return {};
    QFile file(tokenFile);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("Cannot read token file %1: %2").arg(tokenFile, file.errorString());
    token = QString::fromUtf8(file.readAll()).trimmed();
    if (token.isEmpty())
        return QStringLiteral("Token file %1 is empty").arg(tokenFile);
    return {};
}

} // namespace lmcf
