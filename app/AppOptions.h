#pragma once

#include "core/Outcome.h"

#include <QList>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace lmcf {

struct ConnectionSettings;

//! `lmcache-fleet`'s command line.
struct AppOptions {
    QList<QUrl> daemons;            //!< --daemon URL, once per daemon (one window each)
    QStringList tokenFiles;         //!< --token-file FILE: one for all, or one per --daemon
    QString screenshotDir;          //!< --screenshot DIR: render every view to PNG, then exit
    QString node;                   //!< --node NAME: open this node's pages first
    int refreshSeconds = 5;         //!< --refresh SECONDS: metrics scrape interval
    int screenshotWaitSeconds = 30; //!< --screenshot-wait SECONDS: bound on waiting for data
    //! --history-url URL: Prometheus to load chart history from; `daemon` = the daemon's own
    //! history (an empty URL). Unset = keep the remembered setting.
    std::optional<QUrl> historyUrl;
    QString historyTokenFile; //!< --history-token-file FILE: bearer token for the history URL

    //! Parses `arguments` (argv, program name first). --help/--version print and exit.
    static Outcome<AppOptions> parse(const QStringList &arguments);
    //! `daemon` → empty URL (built-in history); an http(s) URL → itself; else a failure.
    static Outcome<QUrl> parseHistoryUrl(const QString &text);
    //! Overrides the remembered connection with what the command line names for the
    //! `index`-th --daemon (that daemon, its token file or the only one, the history source);
    //! a remembered token file is dropped when the daemon changes. Tokens are not read here.
    void applyTo(ConnectionSettings &connection, qsizetype index = 0) const;
    //! One connection per --daemon (applyTo() on the remembered one); without --daemon, just
    //! the remembered connection with the overrides.
    QList<ConnectionSettings> connections(const ConnectionSettings &remembered) const;

private:
    //! Sets `daemons` and `tokenFiles`; error text when a URL is unusable or the token files
    //! do not pair with the daemons.
    QString takeDaemons(const QStringList &urls, const QStringList &files);
    //! Sets the history fields from --history-url (if given) and --history-token-file; error
    //! text when they are unusable.
    QString takeHistory(const std::optional<QString> &url, const QString &tokenFile);
};

} // namespace lmcf
