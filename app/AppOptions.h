#pragma once

#include "core/Outcome.h"

#include <QStringList>
#include <QUrl>

namespace lmcf {

//! `lmcache-fleet`'s command line.
struct AppOptions {
    QUrl daemon;                    //!< --daemon URL
    QString tokenFile;              //!< --token-file FILE
    QString screenshotDir;          //!< --screenshot DIR: render every view to PNG, then exit
    QString node;                   //!< --node NAME: open this node's pages first
    int refreshSeconds = 5;         //!< --refresh SECONDS: metrics scrape interval
    int screenshotWaitSeconds = 30; //!< --screenshot-wait SECONDS: bound on waiting for data

    //! Parses `arguments` (argv, program name first). --help/--version print and exit.
    static Outcome<AppOptions> parse(const QStringList &arguments);
};

} // namespace lmcf
