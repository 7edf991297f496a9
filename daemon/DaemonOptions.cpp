#include "DaemonOptions.h"

#include "core/CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <limits>

namespace lmcf {

namespace {

struct Flag {
    const char *name;
    const char *description;
    const char *valueName; // nullptr: a switch
};

// One table so --help, parsing and the man page cannot drift apart.
constexpr Flag kFlags[] = {
    {"host", "Address to listen on (default 0.0.0.0).", "host"},
    {"port", "Port to listen on; 0 picks a free one (default 8000).", "port"},
    {"node-supplier-url", "Read nodes from a discovery service's /lmcache_infos.", "url"},
    {"config", "Node tree file: [{name,host,port,nodes:[...]}].", "file"},
    {"nodes", "Inline node list JSON: [{name,host,port}].", "json"},
    {"heartbeat-url", "Heartbeat this daemon to an upstream registry.", "url"},
    {"heartbeat-interval", "Seconds between own heartbeats (default 30).", "seconds"},
    {"heartbeat-initial-delay", "Seconds before the first own heartbeat (default 0).", "seconds"},
    {"log-level", "debug, info, warning, error or critical (default warning).", "level"},
    {"no-http", "Only heartbeat upstream; serve no HTTP.", nullptr},
    {"node-ttl", "Seconds until a silent node is removed (default 3x its interval).", "seconds"},
    {"state-file", "Where the registry survives restarts.", "file"},
    {"heartbeat-token", "Shared secret heartbeats must carry.", "token"},
    {"registry",
     "Where registrations live: memory (default; with --state-file) or "
     "etcd://HOST:PORT[,HOST:PORT...]/prefix, shared by several daemons.",
     "where"},
    {"scrape-timeout", "Seconds to wait for one node's /metrics (default 2).", "seconds"},
    {"scrape-interval", "Seconds between history scrapes (default 5).", "seconds"},
    {"history", "Seconds of metric history kept in memory (default 3600).", "seconds"},
    {"proxy-timeout", "Seconds to wait for a node's answer through the proxy (default 60).",
     "seconds"},
    {"max-body", "Largest request body accepted, e.g. 64M (default 64M).", "bytes"},
    {"idle-timeout", "Seconds before an idle client connection is closed (default 60).", "seconds"},
    {"max-connections", "Concurrent client connections (default 1024).", "count"},
    {"trusted-proxy", "Address whose X-Forwarded-* headers are trusted (repeatable).", "address"},
    {"allow-node-path", "Allow a blocked node path such as /env through the proxy (repeatable).",
     "path"},
    {"auth-file", "Token file (see 'lmcache-fleetd token add').", "file"},
    {"insecure-no-auth", "Serve a non-loopback address without authentication.", nullptr},
    {"audit-log", "Append state-changing requests to this JSON-lines file.", "file"},
    {"tls-cert", "PEM certificate: serve HTTPS.", "file"},
    {"tls-key", "PEM private key for --tls-cert.", "file"},
    {"upstream-token-file",
     "File whose first line is the bearer token this daemon presents to the dashboards it "
     "reads: the --node-supplier-url supplier and node proxies (daemons heartbeating here, e.g. "
     "a vLLM node's), for their /api/nodes, the metrics of their nodes and requests proxied "
     "through them. Never sent to plain LMCache nodes.",
     "file"},
};

Outcome<double> seconds(const QCommandLineParser &parser, const char *flag, double fallback) {
    const QString name = QString::fromLatin1(flag);
    if (!parser.isSet(name))
        return Outcome<double>::success(fallback);
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    // Timers take int milliseconds: anything above ~24.8 days would overflow them.
    constexpr double maxSeconds = std::numeric_limits<int>::max() / 1000.0;
    if (!ok || !(value >= 0 && value <= maxSeconds))
        return Outcome<double>::failure(
            QStringLiteral("--%1: expected seconds (0 to %2), got \"%3\"")
                .arg(name, QString::number(qint64(maxSeconds)), parser.value(name)));
    return Outcome<double>::success(value);
}

Outcome<qint64> bytes(const QString &text) {
    QString digits = text.trimmed().toUpper();
    qint64 unit = 1;
    if (digits.endsWith(u"IB"))
        digits.chop(2);
    else if (digits.endsWith(u'B'))
        digits.chop(1);
    const QString units = QStringLiteral("KMG");
    if (!digits.isEmpty() && units.contains(digits.back())) {
        unit = qint64(1) << (10 * (units.indexOf(digits.back()) + 1));
        digits.chop(1);
    }
    bool ok = false;
    const qint64 value = digits.toLongLong(&ok);
    if (!ok || value <= 0)
        return Outcome<qint64>::failure(QStringLiteral("--max-body: expected a size such as "
                                                       "65536 or 64M, got \"%1\"")
                                            .arg(text));
    return Outcome<qint64>::success(value * unit);
}

Outcome<DaemonOptions> readValues(const QCommandLineParser &parser);

} // namespace

Outcome<DaemonOptions> DaemonOptions::parse(const QStringList &arguments) {
    QCommandLineParser parser;
    CommandLine::setUp(parser, QStringLiteral("lmcache-fleetd"),
                       QStringLiteral("LMCache Fleet daemon: discovery registry, reverse proxy "
                                      "and metrics aggregator for a fleet of LMCache servers.\n"
                                      "'lmcache-fleetd token add' creates an API token; "
                                      "'lmcache-fleetd vllm-plugin [flags]' is the node-local "
                                      "proxy of a vLLM instance, configured from LMCache's "
                                      "plugin environment (scheduler_lmcache_fleet_plugin.sh)."));
    for (const Flag &flag : kFlags) {
        QCommandLineOption option(QString::fromLatin1(flag.name),
                                  QString::fromLatin1(flag.description));
        if (flag.valueName)
            option.setValueName(QString::fromLatin1(flag.valueName));
        parser.addOption(option);
    }
    if (!parser.parse(arguments))
        return Outcome<DaemonOptions>::failure(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        return Outcome<DaemonOptions>::failure(
            QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().first()));
    return readValues(parser);
}

namespace {

Outcome<DaemonOptions> readValues(const QCommandLineParser &parser) {
    using Result = Outcome<DaemonOptions>;
    DaemonOptions o;
    const auto text = [&](const char *flag, QString &into) {
        if (parser.isSet(QString::fromLatin1(flag)))
            into = parser.value(QString::fromLatin1(flag));
    };
    text("host", o.host);
    text("config", o.configFile);
    text("nodes", o.nodesJson);
    text("log-level", o.logLevel);
    text("state-file", o.stateFile);
    text("heartbeat-token", o.heartbeatToken);
    text("auth-file", o.authFile);
    text("audit-log", o.auditLog);
    text("tls-cert", o.tlsCert);
    text("tls-key", o.tlsKey);
    text("upstream-token-file", o.upstreamTokenFile);
    o.noHttp = parser.isSet(QStringLiteral("no-http"));
    o.insecureNoAuth = parser.isSet(QStringLiteral("insecure-no-auth"));
    o.trustedProxies = parser.values(QStringLiteral("trusted-proxy"));
    o.allowedNodePaths = parser.values(QStringLiteral("allow-node-path"));

    if (parser.isSet(QStringLiteral("port"))) {
        bool ok = false;
        const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
        if (!ok || port > 65535)
            return Result::failure(QStringLiteral("--port: expected 0..65535, got \"%1\"")
                                       .arg(parser.value(QStringLiteral("port"))));
        o.port = quint16(port);
    }
    if (parser.isSet(QStringLiteral("max-connections"))) {
        bool ok = false;
        o.maxConnections = parser.value(QStringLiteral("max-connections")).toInt(&ok);
        if (!ok || o.maxConnections < 1)
            return Result::failure(QStringLiteral("--max-connections: expected a positive count"));
    }
    for (const char *flag : {"node-supplier-url", "heartbeat-url"}) {
        const QString name = QString::fromLatin1(flag);
        if (!parser.isSet(name))
            continue;
        const QUrl url(parser.value(name), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") ||
            url.host().isEmpty())
            return Result::failure(QStringLiteral("--%1: expected an http(s) URL, got \"%2\"")
                                       .arg(name, parser.value(name)));
        (qstrcmp(flag, "heartbeat-url") == 0 ? o.heartbeatUrl : o.nodeSupplierUrl) = url;
    }
    if (const QString where = parser.value(QStringLiteral("registry"));
        !where.isEmpty() && where != u"memory") {
        const auto location = EtcdLocation::parse(where);
        if (!location)
            return Result::failure(QStringLiteral("--registry: ") + location.error());
        o.etcdRegistry = location.value();
    }
    if (parser.isSet(QStringLiteral("max-body"))) {
        const auto size = bytes(parser.value(QStringLiteral("max-body")));
        if (!size)
            return Result::failure(size.error());
        o.maxBodyBytes = size.value();
    }
    const QStringList levels = {QStringLiteral("debug"), QStringLiteral("info"),
                                QStringLiteral("warning"), QStringLiteral("error"),
                                QStringLiteral("critical")};
    o.logLevel = o.logLevel.toLower();
    if (!levels.contains(o.logLevel))
        return Result::failure(QStringLiteral("--log-level: expected one of %1, got \"%2\"")
                                   .arg(levels.join(QStringLiteral(", ")), o.logLevel));

    struct Duration {
        const char *flag;
        double *into;
    };
    double ttl = -1;
    for (const Duration &d :
         {Duration{"heartbeat-interval", &o.heartbeatIntervalS},
          Duration{"heartbeat-initial-delay", &o.heartbeatInitialDelayS},
          Duration{"scrape-timeout", &o.scrapeTimeoutS},
          Duration{"scrape-interval", &o.scrapeIntervalS}, Duration{"history", &o.historyS},
          Duration{"proxy-timeout", &o.proxyTimeoutS}, Duration{"idle-timeout", &o.idleTimeoutS},
          Duration{"node-ttl", &ttl}}) {
        const auto value = seconds(parser, d.flag, *d.into);
        if (!value)
            return Result::failure(value.error());
        *d.into = value.value();
    }
    if (ttl >= 0)
        o.nodeTtlS = ttl;
    if (parser.isSet(QStringLiteral("upstream-token-file")) && o.upstreamTokenFile.isEmpty())
        return Result::failure(QStringLiteral("--upstream-token-file: expected a file name"));
    if (o.tlsCert.isEmpty() != o.tlsKey.isEmpty())
        return Result::failure(QStringLiteral("--tls-cert and --tls-key go together"));
    return Result::success(o);
}

} // namespace
} // namespace lmcf
