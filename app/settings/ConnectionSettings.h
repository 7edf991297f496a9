#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

class QSettings;

namespace lmcf {

//! Where the app connects: daemon URL and how to authenticate, and where the charts' history
//! comes from. Tokens are kept in memory only; QSettings remembers URLs and token *files*.
struct ConnectionSettings {
    //! How the app authenticates to a Prometheus used as history source.
    enum class HistoryAuth {
        None,        //!< no Authorization header
        DaemonToken, //!< the daemon's token (Prometheus behind the same auth proxy)
        TokenFile    //!< a bearer token read from `historyTokenFile`
    };

    QUrl daemon;
    QString tokenFile;
    QString token; //!< not persisted
    QStringList recentDaemons;

    //! Prometheus (or anything serving its `/api/v1/query_range`) to load chart history from.
    //! Empty = the daemon's built-in history.
    QUrl historyUrl;
    HistoryAuth historyAuth = HistoryAuth::None;
    QString historyTokenFile;
    QString historyToken; //!< not persisted; see readTokenFile()

    static ConnectionSettings load(QSettings &settings);
    void save(QSettings &settings) const;
    //! Reads `tokenFile` into `token` (trimmed). Empty file name = no token. Error text on
    //! failure (unreadable or empty file), empty on success.
    QString readTokenFile();
    //! With HistoryAuth::TokenFile, reads `historyTokenFile` into `historyToken` (a missing
    //! file name is an error then); otherwise does nothing. Error text as readTokenFile().
    QString readHistoryTokenFile();
    //! The bearer token to send to the history source (empty = none).
    QString historyBearer() const;

    static QString toString(HistoryAuth auth);
    //! "none", "daemon-token", "token-file"; anything else = None.
    static HistoryAuth historyAuthFrom(const QString &text);
};

} // namespace lmcf
