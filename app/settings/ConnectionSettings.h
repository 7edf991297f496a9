#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

class QSettings;

namespace lmcf {

//! Where the app connects: daemon URL and how to authenticate. The token itself is kept in
//! memory only; QSettings remembers the URL and the token *file*, never the token.
struct ConnectionSettings {
    QUrl daemon;
    QString tokenFile;
    QString token; //!< not persisted
    QStringList recentDaemons;

    static ConnectionSettings load(QSettings &settings);
    void save(QSettings &settings) const;
    //! Reads `tokenFile` into `token` (trimmed). Empty file name = no token. Error text on
    //! failure (unreadable or empty file), empty on success.
    QString readTokenFile();
};

} // namespace lmcf
