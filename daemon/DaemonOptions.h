#pragma once

#include "core/Outcome.h"
#include "registry/EtcdLocation.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace lmcf {

//! Everything `lmcache-fleetd` is told on its command line. Flag names follow the original
//! dashboard's (spec §2) where it had them.
struct DaemonOptions {
    // Original dashboard flags.
    QString host = QStringLiteral("0.0.0.0");
    quint16 port = 8000;
    QUrl nodeSupplierUrl;
    QString configFile;
    QString nodesJson;
    QUrl heartbeatUrl;
    double heartbeatIntervalS = 30;
    double heartbeatInitialDelayS = 0;
    QString logLevel = QStringLiteral("warning");
    bool noHttp = false;

    // Registry.
    std::optional<double> nodeTtlS; //!< unset: 3 × each node's announced interval
    QString stateFile;              //!< empty: the default under the user's state dir
    QString heartbeatToken;         //!< when set, heartbeats must carry it
    //! `--registry etcd://...`: the registry is shared through etcd; unset: in memory only.
    std::optional<EtcdLocation> etcdRegistry;

    // Scraping and history.
    double scrapeTimeoutS = 2;
    double scrapeIntervalS = 5;
    double historyS = 3600;

    // Proxy and HTTP front.
    double proxyTimeoutS = 60;
    qint64 maxBodyBytes = 64LL * 1024 * 1024;
    double idleTimeoutS = 60;
    int maxConnections = 1024;
    QStringList trustedProxies;
    QStringList allowedNodePaths;

    // Security.
    QString authFile;
    bool insecureNoAuth = false;
    QString auditLog;
    QString tlsCert;
    QString tlsKey;
    //! `--upstream-token-file`: the bearer token presented to node proxies and the supplier
    //! (read by DaemonApp; empty: none).
    QString upstreamTokenFile;

    //! Parses `arguments` (argv including the program name). --help/--version print and exit.
    //! A bad value fails with a message naming the flag.
    static Outcome<DaemonOptions> parse(const QStringList &arguments);
};

} // namespace lmcf
