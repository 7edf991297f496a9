#include "AgentOptions.h"

#include "discovery/HeartbeatQuery.h"
#include "plugin/AdvertisedAddress.h"

namespace lmcf {

namespace {

const QString kUrl = QStringLiteral("heartbeat-url");
const QString kInterval = QStringLiteral("heartbeat-interval");
const QString kDelay = QStringLiteral("heartbeat-initial-delay");
const QString kReportHost = QStringLiteral("report-host");
const QString kApiAddress = QStringLiteral("api-address");
const QString kPid = QStringLiteral("pid");
const QString kOnce = QStringLiteral("once");

void addOptions(QCommandLineParser &parser) {
    parser.addOptions({
        {kUrl, QStringLiteral("Registry heartbeat URL (overrides plugin.frontend.heartbeat-url)."),
         QStringLiteral("url")},
        {kInterval, QStringLiteral("Seconds between heartbeats (default 30)."),
         QStringLiteral("seconds")},
        {kDelay, QStringLiteral("Seconds before the first heartbeat (default 0)."),
         QStringLiteral("seconds")},
        {kReportHost, QStringLiteral("Host to advertise instead of the detected local IP."),
         QStringLiteral("host")},
        {kApiAddress, QStringLiteral("Node API base URL to advertise, e.g. http://10.0.0.5:8085."),
         QStringLiteral("url")},
        {kPid, QStringLiteral("PID of the LMCache server (default: our parent)."),
         QStringLiteral("pid")},
        {kOnce, QStringLiteral("Send one heartbeat and exit (0 accepted, 1 not).")},
    });
}

Outcome<double> seconds(const QCommandLineParser &parser, const QString &name, bool positive) {
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || value < 0 || (positive && value <= 0) || value > 1e7)
        return Outcome<double>::failure(
            QStringLiteral("--%1: expected %2 seconds, got \"%3\"")
                .arg(name, positive ? QStringLiteral("> 0") : QStringLiteral(">= 0"),
                     parser.value(name)));
    return Outcome<double>::success(value);
}

//! Flags over the config; an empty string when all is well, else the error line.
QString applyFlags(const QCommandLineParser &parser, AgentOptions &options) {
    PluginConfig &config = options.config;
    if (parser.isSet(kUrl)) {
        const auto url = PluginConfig::parseHeartbeatUrl(parser.value(kUrl));
        if (!url)
            return QStringLiteral("--heartbeat-url: ") + url.error();
        config.heartbeatUrl = url.value();
    }
    for (const QString &name : {kInterval, kDelay}) {
        if (!parser.isSet(name))
            continue;
        const auto value = seconds(parser, name, name == kInterval);
        if (!value)
            return value.error();
        (name == kInterval ? config.heartbeatIntervalS : config.heartbeatInitialDelayS) =
            value.value();
    }
    if (parser.isSet(kReportHost))
        config.reportHost = parser.value(kReportHost).trimmed();
    if (parser.isSet(kPid)) {
        bool ok = false;
        options.pid = parser.value(kPid).toLongLong(&ok);
        if (!ok || options.pid <= 0)
            return QStringLiteral("--pid: expected a process id, got \"%1\"")
                .arg(parser.value(kPid));
    }
    options.once = parser.isSet(kOnce);
    return {};
}

QString resolveAddresses(const QCommandLineParser &parser, AgentOptions &options,
                         const QList<QHostAddress> &localAddresses) {
    const PluginConfig &config = options.config;
    if (parser.isSet(kApiAddress)) {
        const auto address = HeartbeatQuery::normaliseApiAddress(parser.value(kApiAddress));
        if (!address)
            return QStringLiteral("--api-address: ") + address.error();
        options.apiAddress = address.value();
        options.nodeUrl = QUrl(address.value());
        return {};
    }
    const QString missing = config.missingSettings();
    if (!missing.isEmpty())
        return missing;
    options.apiAddress = AdvertisedAddress::build(config.reportHost, config.httpHost,
                                                  config.httpPort, localAddresses);
    // Ask the node itself over loopback when it listens there: no firewall in the way.
    const bool local = AdvertisedAddress::isWildcard(config.httpHost) ||
                       config.httpHost.compare(u"localhost", Qt::CaseInsensitive) == 0;
    options.nodeUrl =
        local ? QUrl(QStringLiteral("http://127.0.0.1:%1").arg(config.httpPort))
              : QUrl(AdvertisedAddress::build({}, config.httpHost, config.httpPort, {}));
    return {};
}

} // namespace

Outcome<AgentOptions> AgentOptions::parse(QCommandLineParser &parser, const QStringList &arguments,
                                          const QProcessEnvironment &environment, qint64 parentPid,
                                          const QList<QHostAddress> &localAddresses) {
    using Result = Outcome<AgentOptions>;
    addOptions(parser);
    if (!parser.parse(arguments))
        return Result::failure(parser.errorText());
    AgentOptions options;
    options.helpRequested = parser.isSet(QStringLiteral("help"));
    options.versionRequested = parser.isSet(QStringLiteral("version"));
    if (options.helpRequested || options.versionRequested)
        return Result::success(options);
    if (!parser.positionalArguments().isEmpty())
        return Result::failure(
            QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));

    QString json = environment.value(QStringLiteral("LMCACHE_RUNTIME_PLUGIN_CONFIG"));
    if (json.isEmpty())
        json = environment.value(QStringLiteral("LMCACHE_PLUGIN_CONFIG")); // legacy twin
    if (!json.trimmed().isEmpty()) {
        const auto config = PluginConfig::parse(json.toUtf8());
        if (!config)
            return Result::failure(config.error());
        options.config = config.value();
    }
    options.pid = parentPid;
    QString error = applyFlags(parser, options);
    if (error.isEmpty() && options.config.heartbeatUrl.isEmpty())
        error = options.config.missingSettings();
    if (error.isEmpty())
        error = resolveAddresses(parser, options, localAddresses);
    if (!error.isEmpty())
        return Result::failure(error);
    return Result::success(options);
}

} // namespace lmcf
