#include "SimOptions.h"

#include <QFileInfo>
#include <QStandardPaths>

namespace lmcf {

namespace {

void addOptions(QCommandLineParser &parser) {
    const auto value = [](const char *name, const char *help, const char *valueName) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help),
                                  QString::fromLatin1(valueName));
    };
    parser.addOptions({
        value("nodes", "Number of simulated nodes (default 1).", "N"),
        value("host", "Listen address (default 127.0.0.1).", "host"),
        value("base-port", "First port; node i gets base+i (default 0: ephemeral).", "port"),
        value("heartbeat-url", "Launch a real lmcache-heartbeat per node, reporting here.", "url"),
        value("heartbeat-interval", "Agent heartbeat interval in seconds (default 30).", "s"),
        value("seed", "Seed of the simulated workload (default 1).", "K"),
        value("metrics", "Metric families: vllm, mp or both (default both).", "which"),
        value("api-generation", "Node API paths: old (/api/status) or new (/status).", "gen"),
        value("slow-ms", "Delay every answer by this many ms.", "ms"),
        value("fail-rate", "Answer this fraction of requests with 500 (0..1).", "fraction"),
        QCommandLineOption(QStringLiteral("garbage-metrics"),
                           QStringLiteral("Serve a broken Prometheus exposition.")),
        value("flap", "Stop listening for S seconds every S seconds.", "S"),
        value("die-after", "Stop listening for good after S seconds.", "S"),
        value("fault-nodes", "Comma list of node numbers (1-based) the faults apply to.", "list"),
        value("agent-path", "The lmcache-heartbeat binary to launch.", "path"),
        value("mode",
              "mp (LMCache MP servers, default) or vllm (a scheduler and workers per node, "
              "each with LMCache's internal API; with --heartbeat-url the scheduler plugins "
              "are launched as LMCache does).",
              "mode"),
        value("workers", "vLLM mode: workers per node (default 1).", "W"),
        value("plugin-locations",
              "vLLM mode: plugin files or directories, comma separated (default: the "
              "scheduler_lmcache_fleet_plugin.sh shim).",
              "paths"),
        value("frontend-port", "vLLM mode: node i's proxy port is this + i (default 0: ephemeral).",
              "port"),
    });
}

//! Reads a number flag within [low, high]; `error` names the flag otherwise.
double number(const QCommandLineParser &parser, const QString &name, double fallback, double low,
              double high, QString &error) {
    if (!parser.isSet(name) || !error.isEmpty())
        return fallback;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || value < low || value > high)
        error = QStringLiteral("--%1: expected a number in [%2, %3], got \"%4\"")
                    .arg(name)
                    .arg(low)
                    .arg(high)
                    .arg(parser.value(name));
    return ok ? value : fallback;
}

QString readVllmChoices(const QCommandLineParser &parser, SimOptions &options) {
    const QString mode = parser.value(QStringLiteral("mode"));
    if (mode == u"vllm")
        options.mode = SimMode::Vllm;
    else if (!mode.isEmpty() && mode != u"mp")
        return QStringLiteral("--mode: expected mp or vllm");
    options.plugins =
        parser.value(QStringLiteral("plugin-locations")).split(u',', Qt::SkipEmptyParts);
    const int processes = options.mode == SimMode::Vllm ? options.workers + 1 : 1;
    if (options.basePort > 0 && options.basePort + options.nodes * processes - 1 > 65535)
        return QStringLiteral("--base-port: %1 nodes do not fit above port %2")
            .arg(options.nodes)
            .arg(options.basePort);
    return {};
}

QString readChoices(const QCommandLineParser &parser, SimOptions &options) {
    if (const QString error = readVllmChoices(parser, options); !error.isEmpty())
        return error;
    const QString metrics = parser.value(QStringLiteral("metrics"));
    if (metrics == u"vllm")
        options.families = MetricsFamilies::Vllm;
    else if (metrics == u"mp")
        options.families = MetricsFamilies::Mp;
    else if (!metrics.isEmpty() && metrics != u"both")
        return QStringLiteral("--metrics: expected vllm, mp or both");
    const QString generation = parser.value(QStringLiteral("api-generation"));
    if (generation == u"new")
        options.generation = ApiGeneration::New;
    else if (!generation.isEmpty() && generation != u"old")
        return QStringLiteral("--api-generation: expected old or new");
    for (const QString &item :
         parser.value(QStringLiteral("fault-nodes")).split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int node = item.trimmed().toInt(&ok);
        if (!ok || node < 1 || node > options.nodes)
            return QStringLiteral("--fault-nodes: no node number %1").arg(item.trimmed());
        options.faultNodes << node;
    }
    if (parser.isSet(QStringLiteral("heartbeat-url"))) {
        options.heartbeatUrl =
            QUrl(parser.value(QStringLiteral("heartbeat-url")), QUrl::StrictMode);
        const QString scheme = options.heartbeatUrl.scheme();
        if (!options.heartbeatUrl.isValid() || options.heartbeatUrl.host().isEmpty() ||
            (scheme != u"http" && scheme != u"https"))
            return QStringLiteral("--heartbeat-url: not an http(s) URL");
    }
    return {};
}

} // namespace

Outcome<SimOptions> SimOptions::parse(QCommandLineParser &parser, const QStringList &arguments) {
    addOptions(parser);
    if (!parser.parse(arguments))
        return Outcome<SimOptions>::failure(parser.errorText());
    SimOptions o;
    o.helpRequested = parser.isSet(QStringLiteral("help"));
    o.versionRequested = parser.isSet(QStringLiteral("version"));
    QString error;
    o.nodes = int(number(parser, QStringLiteral("nodes"), 1, 1, 10000, error));
    o.basePort = int(number(parser, QStringLiteral("base-port"), 0, 0, 65535, error));
    o.heartbeatIntervalS =
        number(parser, QStringLiteral("heartbeat-interval"), 30, 0.01, 86400, error);
    o.seed = quint32(number(parser, QStringLiteral("seed"), 1, 0, 4294967295.0, error));
    o.faults.slowMs = int(number(parser, QStringLiteral("slow-ms"), 0, 0, 600000, error));
    o.faults.failRate = number(parser, QStringLiteral("fail-rate"), 0, 0, 1, error);
    o.faults.flapS = number(parser, QStringLiteral("flap"), 0, 0, 86400, error);
    o.faults.dieAfterS = number(parser, QStringLiteral("die-after"), 0, 0, 86400 * 365, error);
    o.faults.garbageMetrics = parser.isSet(QStringLiteral("garbage-metrics"));
    o.workers = int(number(parser, QStringLiteral("workers"), 1, 0, 64, error));
    o.frontendBasePort = int(number(parser, QStringLiteral("frontend-port"), 0, 0, 65535, error));
    if (error.isEmpty())
        error = readChoices(parser, o);
    if (parser.isSet(QStringLiteral("host")))
        o.host = parser.value(QStringLiteral("host"));
    o.agentPath = parser.value(QStringLiteral("agent-path"));
    if (error.isEmpty() && !parser.positionalArguments().isEmpty())
        error = QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments()[0]);
    if (!error.isEmpty())
        return Outcome<SimOptions>::failure(error);
    return Outcome<SimOptions>::success(o);
}

QString SimOptions::findAgent(const QString &explicitPath, const QString &programDir) {
    if (!explicitPath.isEmpty())
        return explicitPath;
    const QStringList candidates = {programDir + QStringLiteral("/lmcache-heartbeat"),
                                    programDir + QStringLiteral("/../plugin/lmcache-heartbeat")};
    for (const QString &candidate : candidates) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return info.canonicalFilePath();
    }
    return QStandardPaths::findExecutable(QStringLiteral("lmcache-heartbeat"));
}

QString SimOptions::findVllmPlugin(const QString &programDir) {
    const QString name = QStringLiteral("scheduler_lmcache_fleet_plugin.sh");
    const QStringList dirs = {programDir, programDir + QStringLiteral("/../daemon"),
                              QStringLiteral("/usr/share/lmcache-fleet/plugins")};
    for (const QString &dir : dirs) {
        const QFileInfo info(dir + u'/' + name);
        if (info.isFile() && info.isExecutable())
            return info.canonicalFilePath();
    }
    return {};
}

} // namespace lmcf
