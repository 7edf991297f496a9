#include "plugin/VllmProcessLayout.h"

#include "model/NodeName.h"
#include "plugin/AdvertisedAddress.h"

#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSet>

#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace lmcf {

namespace {

using Layout = Outcome<VllmProcessLayout>;

constexpr int kMaxWorkers = 1024;
constexpr int kDefaultPortStart = 6999; // LMCache's default internal_api_server_port_start

//! An integer given as a JSON number or a numeric string within [low, high].
std::optional<int> integer(const QJsonValue &value, int low, int high) {
    double number = 0;
    bool ok = value.isDouble();
    if (ok)
        number = value.toDouble();
    else if (value.isString())
        number = value.toString().trimmed().toDouble(&ok);
    if (!ok || std::floor(number) != number || number < low || number > high)
        return std::nullopt;
    return int(number);
}

QString shown(const QJsonValue &value) {
    if (value.isString())
        return u"\""_s + value.toString().left(80) + u"\""_s;
    const QJsonDocument document(QJsonArray{value});
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact)).mid(1).chopped(1).left(80);
}

//! The include list: nullopt = every index; fails on anything but integers (array or "0,1").
Outcome<std::optional<QSet<int>>> includeList(const QJsonValue &value) {
    using R = Outcome<std::optional<QSet<int>>>;
    if (value.isUndefined() || value.isNull())
        return R::success(std::nullopt);
    QJsonArray items;
    if (value.isArray()) {
        items = value.toArray();
    } else if (value.isString()) {
        for (const QString &part : value.toString().split(u',', Qt::SkipEmptyParts))
            items.append(part.trimmed());
    } else {
        return R::failure(u"internal_api_server_include_index_list must be a list of indices"_s);
    }
    QSet<int> indices;
    for (const QJsonValue item : std::as_const(items)) {
        const auto index = integer(item, 0, kMaxWorkers);
        if (!index)
            return R::failure(u"internal_api_server_include_index_list: not an index (0..%1): %2"_s
                                  .arg(kMaxWorkers)
                                  .arg(shown(item)));
        indices.insert(*index);
    }
    return R::success(indices);
}

QString fromEither(const QProcessEnvironment &env, const QString &suffix) {
    const QString current = env.value(u"LMCACHE_RUNTIME_PLUGIN_"_s + suffix);
    return current.isEmpty() ? env.value(u"LMCACHE_PLUGIN_"_s + suffix) : current;
}

//! Reads the node proxy's own plugin.frontend.* settings into `layout`; empty or an error.
QString readProxySettings(VllmProcessLayout &layout, const QString &frontendPortVariable) {
    const QJsonObject &settings = layout.plugin.proxySettings;
    if (settings.contains(u"port"_s) || !frontendPortVariable.isEmpty()) {
        const bool fromConfig = settings.contains(u"port"_s);
        const QJsonValue value =
            fromConfig ? settings.value(u"port"_s) : QJsonValue(frontendPortVariable);
        const auto port = integer(value, 0, 65535);
        if (!port)
            return (fromConfig ? u"plugin.frontend.port"_s : u"LMCACHE_FRONTEND_PORT"_s) +
                   u": not a port number (0..65535): "_s + shown(value);
        layout.bindPort = *port;
    }
    const QJsonValue host = settings.value(u"host"_s);
    if (!host.isUndefined() && (!host.isString() || host.toString().trimmed().isEmpty()))
        return u"plugin.frontend.host: must be an IP address, got "_s + shown(host);
    if (host.isString())
        layout.bindHost = host.toString().trimmed();
    const QJsonValue insecure = settings.value(u"insecure-no-auth"_s);
    layout.insecureNoAuth =
        insecure.isBool() ? insecure.toBool() : insecure.toString().toLower() == u"true"_s;
    layout.authFile = settings.value(u"auth-file"_s).toString();
    layout.logLevel = settings.value(u"log-level"_s).toString().toLower();
    const QJsonValue allowed = settings.value(u"allow-node-path"_s);
    if (allowed.isString())
        layout.allowedNodePaths = allowed.toString().split(u',', Qt::SkipEmptyParts);
    for (const QJsonValue path : allowed.toArray())
        layout.allowedNodePaths << path.toString();
    return {};
}

//! Checks the launcher's variables: role and worker count. Empty or an error.
QString readRole(const VllmPluginEnvironment &environment, int &workers) {
    const QString role = environment.role.trimmed().toUpper();
    if (role.isEmpty())
        return u"LMCACHE_RUNTIME_PLUGIN_ROLE is not set: this plugin is started by LMCache in "
               "vLLM mode, on the scheduler"_s;
    if (role != u"SCHEDULER"_s)
        return u"LMCACHE_RUNTIME_PLUGIN_ROLE is %1: the node proxy runs on the scheduler only "
               "(keep the file name scheduler_lmcache_fleet_plugin.sh)"_s.arg(environment.role);
    const auto count = integer(QJsonValue(environment.workerCount), 0, kMaxWorkers);
    if (environment.workerCount.trimmed().isEmpty() || !count)
        return u"LMCACHE_RUNTIME_PLUGIN_WORKER_COUNT: expected a number of workers 0..%1, got "
               "\"%2\""_s.arg(kMaxWorkers)
                   .arg(environment.workerCount.left(80));
    workers = *count;
    return {};
}

//! The instance name: the configured id, else `<host name>_<port start>`.
Outcome<QString> instanceName(const QJsonObject &engine, const QString &hostName, int portStart) {
    const QJsonValue id = engine.value(u"lmcache_instance_id"_s);
    if (!id.isUndefined() && !id.isNull() && !id.isString())
        return Outcome<QString>::failure(u"lmcache_instance_id must be a string"_s);
    QString name = id.toString().trimmed();
    if (name.isEmpty()) {
        QString host = hostName.section(u'.', 0, 0).trimmed();
        name = (host.isEmpty() ? u"vllm"_s : host) + u'_' + QString::number(portStart);
    }
    // The longest process name must fit too.
    const auto checked = NodeName::validate(name + u"_scheduler"_s);
    if (!checked)
        return Outcome<QString>::failure(u"lmcache_instance_id \"%1\" cannot name a node: %2"_s.arg(
            name.left(80), checked.error()));
    return Outcome<QString>::success(name);
}

//! The internal API server keys; fills processes. Empty or an error.
QString readServers(VllmProcessLayout &layout, const QJsonObject &engine, int workers,
                    const QString &hostName) {
    if (engine.value(u"internal_api_server_enabled"_s) == QJsonValue(false))
        return u"internal_api_server_enabled is false: the vLLM processes serve no API to proxy"_s;
    const QJsonValue socketPrefix = engine.value(u"internal_api_server_socket_path_prefix"_s);
    if (socketPrefix.isString() && !socketPrefix.toString().isEmpty())
        return u"internal_api_server_socket_path_prefix is set: Unix-socket API servers are not "
               "supported, use TCP ports (unset it)"_s;
    const QJsonValue startValue = engine.value(u"internal_api_server_port_start"_s);
    const auto start = startValue.isUndefined() || startValue.isNull()
                           ? std::optional<int>(kDefaultPortStart)
                           : integer(startValue, 1, 65535 - workers);
    if (!start)
        return u"internal_api_server_port_start: not a port that leaves room for %1 workers: %2"_s
            .arg(workers)
            .arg(shown(startValue));
    const auto include = includeList(engine.value(u"internal_api_server_include_index_list"_s));
    if (!include)
        return include.error();
    const auto instance = instanceName(engine, hostName, *start);
    if (!instance)
        return instance.error();
    layout.instance = instance.value();
    QString host = engine.value(u"internal_api_server_host"_s).toString().trimmed();
    if (AdvertisedAddress::isWildcard(host) || host == u"localhost"_s)
        host = u"127.0.0.1"_s;
    for (int index = 0; index <= workers; ++index) {
        if (*include && !(*include)->contains(index))
            continue;
        const QString role = index == 0 ? u"scheduler"_s : u"worker"_s + QString::number(index - 1);
        layout.processes.append({layout.instance + u'_' + role, host, *start + index});
    }
    for (const int index : include->value_or(QSet<int>{})) {
        if (index > workers)
            layout.warnings << u"internal_api_server_include_index_list: index %1 is beyond the %2 "
                               "workers; ignored"_s.arg(index)
                                   .arg(workers);
    }
    return {};
}

} // namespace

VllmPluginEnvironment VllmPluginEnvironment::fromProcess() {
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    VllmPluginEnvironment result;
    result.config = fromEither(env, u"CONFIG"_s).toUtf8();
    result.role = fromEither(env, u"ROLE"_s);
    result.workerCount = fromEither(env, u"WORKER_COUNT"_s);
    result.frontendPort = env.value(u"LMCACHE_FRONTEND_PORT"_s);
    result.hostName = QHostInfo::localHostName();
    return result;
}

Outcome<VllmProcessLayout> VllmProcessLayout::compute(const VllmPluginEnvironment &environment) {
    if (environment.config.trimmed().isEmpty())
        return Layout::failure(u"LMCACHE_RUNTIME_PLUGIN_CONFIG is not set: this plugin is started "
                               "by LMCache, which passes the engine config there"_s);
    VllmProcessLayout layout;
    int workers = 0;
    if (const QString error = readRole(environment, workers); !error.isEmpty())
        return Layout::failure(error);
    auto plugin = PluginConfig::parse(environment.config);
    if (!plugin)
        return Layout::failure(plugin.error());
    if (!plugin->vllmMode)
        return Layout::failure(u"LMCACHE_RUNTIME_PLUGIN_CONFIG is an MP-server config: use "
                               "lmcache_mp_fleet_plugin.sh with the MP server"_s);
    layout.plugin = std::move(plugin).value();
    if (layout.plugin.heartbeatUrl.isEmpty())
        return Layout::failure(u"no heartbeat URL: set plugin.frontend.heartbeat-url in the "
                               "LMCache config's extra_config (the head node's "
                               "http://HEAD:8000/lmcache_heartbeat)"_s);
    layout.warnings = layout.plugin.warnings;
    if (QString error = readProxySettings(layout, environment.frontendPort); !error.isEmpty())
        return Layout::failure(error);
    if (QString error =
            readServers(layout, layout.plugin.engineConfig, workers, environment.hostName);
        !error.isEmpty())
        return Layout::failure(error);
    if (layout.processes.isEmpty())
        return Layout::failure(u"internal_api_server_include_index_list leaves no process to "
                               "serve (0 = scheduler, 1 + i = worker i)"_s);
    return Layout::success(layout);
}

QByteArray VllmProcessLayout::nodesJson() const {
    QJsonArray nodes;
    for (const VllmProcess &process : processes)
        nodes.append(QJsonObject{
            {u"name"_s, process.name}, {u"host"_s, process.host}, {u"port"_s, process.port}});
    return QJsonDocument(nodes).toJson(QJsonDocument::Compact);
}

QStringList VllmProcessLayout::daemonArguments() const {
    QStringList arguments = {u"--host"_s,
                             bindHost,
                             u"--port"_s,
                             QString::number(bindPort),
                             u"--nodes"_s,
                             QString::fromUtf8(nodesJson()),
                             u"--heartbeat-url"_s,
                             plugin.heartbeatUrl.toString(),
                             u"--heartbeat-interval"_s,
                             QString::number(plugin.heartbeatIntervalS),
                             u"--heartbeat-initial-delay"_s,
                             QString::number(plugin.heartbeatInitialDelayS),
                             u"--state-file"_s,
                             u"/dev/null"_s};
    if (!authFile.isEmpty())
        arguments << u"--auth-file"_s << authFile;
    if (insecureNoAuth)
        arguments << u"--insecure-no-auth"_s;
    if (!logLevel.isEmpty())
        arguments << u"--log-level"_s << logLevel;
    for (const QString &path : allowedNodePaths)
        arguments << u"--allow-node-path"_s << path.trimmed();
    return arguments;
}

} // namespace lmcf
