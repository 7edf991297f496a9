#pragma once

#include "core/Outcome.h"

#include <QStringList>
#include <QUrl>

#include <optional>

namespace lmcf {

struct ConnectionSettings;

//! `lmcache-fleet`'s command line.
struct AppOptions {
    QUrl daemon;                    //!< --daemon URL
    QString tokenFile;              //!< --token-file FILE
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
    //! Overrides the remembered connection with what the command line names (daemon, token
    //! file, history source); tokens are not read here.
    void applyTo(ConnectionSettings &connection) const;

private:
    //! Sets the history fields from --history-url (if given) and --history-token-file; error
    //! text when they are unusable.
    QString takeHistory(const std::optional<QString> &url, const QString &tokenFile);
};

} // namespace lmcf
