#include "plugin/PluginConfig.h"

#include "core/WholeNumber.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>
#include <optional>

namespace lmcf {

namespace {

const QString kPrefix = QStringLiteral("plugin.frontend.");
const QStringList kProxyKeys = {QStringLiteral("port"),      QStringLiteral("host"),
                                QStringLiteral("auth-file"), QStringLiteral("insecure-no-auth"),
                                QStringLiteral("log-level"), QStringLiteral("allow-node-path")};

//! Reads a number given as a JSON number or a numeric string; nullopt (with `error` set) on
//! anything else.
std::optional<double> readNumber(const QJsonValue &value, const QString &key, QString &error) {
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double number = value.toString().trimmed().toDouble(&ok);
        if (ok)
            return number;
    }
    error = QStringLiteral("%1 must be a number").arg(key);
    return std::nullopt;
}

//! An optional sub-object: absent or null → empty; another type → error.
QJsonObject readObject(const QJsonObject &parent, const QString &key, QString &error) {
    const QJsonValue value = parent.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (value.isObject())
        return value.toObject();
    // `--runtime-plugin-config` is a JSON string on LMCache's command line; accept it unparsed.
    if (value.isString()) {
        const QJsonDocument inner = QJsonDocument::fromJson(value.toString().toUtf8());
        if (inner.isObject())
            return inner.object();
    }
    error = QStringLiteral("%1 must be a JSON object").arg(key);
    return {};
}

//! Applies one `plugin.frontend.<name>` setting; returns false (with `error`) on a bad value.
bool applyFrontendKey(PluginConfig &config, const QString &key, const QJsonValue &value,
                      QString &error) {
    QString name = key.mid(kPrefix.size());
    name.replace(u'_', u'-');
    if (name == u"heartbeat-url") {
        const auto url = PluginConfig::parseHeartbeatUrl(value.toString());
        if (!value.isString() || !url) {
            error = key + QStringLiteral(": ") +
                    (value.isString() ? url.error() : QStringLiteral("must be a string"));
            return false;
        }
        config.heartbeatUrl = url.value();
    } else if (name == u"heartbeat-interval" || name == u"heartbeat-initial-delay") {
        const auto number = readNumber(value, key, error);
        if (!number)
            return false;
        const bool interval = name == u"heartbeat-interval";
        constexpr double maxSeconds = 365.0 * 24 * 3600;
        if (!(*number >= 0 && *number <= maxSeconds) || (interval && *number <= 0)) {
            error = QStringLiteral("%1 must be %2 seconds, at most a year")
                        .arg(key, interval ? QStringLiteral("> 0") : QStringLiteral(">= 0"));
            return false;
        }
        (interval ? config.heartbeatIntervalS : config.heartbeatInitialDelayS) = *number;
    } else if (name == u"report-host") {
        if (!value.isString() && !value.isNull()) {
            error = key + QStringLiteral(" must be a string");
            return false;
        }
        config.reportHost = value.toString().trimmed();
    } else if (kProxyKeys.contains(name)) {
        // The vLLM-mode node proxy's settings (spec §3b): kept for VllmProcessLayout.
        config.proxySettings.insert(name, value);
    } else {
        config.warnings << QStringLiteral("ignoring unknown setting %1").arg(key);
    }
    return true;
}

bool applyExtraConfig(PluginConfig &config, const QJsonObject &extra, QString &error) {
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        // Keys without our prefix belong to other plugins.
        if (it.key().startsWith(kPrefix) && !applyFrontendKey(config, it.key(), it.value(), error))
            return false;
    }
    return true;
}

bool readMpShape(PluginConfig &config, const QJsonObject &root, QString &error) {
    const QJsonObject mp = readObject(root, QStringLiteral("mp_config"), error);
    const QJsonObject storage = readObject(root, QStringLiteral("storage_manager_config"), error);
    const QJsonObject http = readObject(root, QStringLiteral("http_config"), error);
    const QJsonObject extra =
        readObject(root, QStringLiteral("runtime_plugin_extra_config"), error);
    if (!error.isEmpty())
        return false;
    config.chunkSize = mp.value(QStringLiteral("chunk_size")).toInt(-1);
    config.hashAlgorithm = mp.value(QStringLiteral("hash_algorithm")).toString();
    const QJsonObject l1 = storage.value(QStringLiteral("l1_manager_config")).toObject();
    const QJsonValue size =
        l1.value(QStringLiteral("memory_config")).toObject().value(QStringLiteral("size_in_bytes"));
    config.l1SizeBytes = size.isDouble() ? wholeNumberOr(size.toDouble(), -1) : -1;
    config.evictionPolicy = storage.value(QStringLiteral("eviction_config"))
                                .toObject()
                                .value(QStringLiteral("eviction_policy"))
                                .toString();
    config.httpHost = http.value(QStringLiteral("http_host")).toString();
    const QJsonValue port = http.value(QStringLiteral("http_port"));
    if (!port.isUndefined() && !port.isNull()) {
        const auto number = readNumber(port, QStringLiteral("http_config.http_port"), error);
        if (!number || *number < 1 || *number > 65535 || std::floor(*number) != *number) {
            error = QStringLiteral("http_config.http_port must be a port number (1-65535)");
            return false;
        }
        config.httpPort = int(*number);
    }
    return applyExtraConfig(config, extra, error);
}

bool readVllmShape(PluginConfig &config, const QJsonObject &root, QString &error) {
    config.vllmMode = true;
    config.engineConfig = root;
    const QJsonObject extra = readObject(root, QStringLiteral("extra_config"), error);
    if (!error.isEmpty())
        return false;
    config.chunkSize = root.value(QStringLiteral("chunk_size")).toInt(-1);
    const QJsonValue cpuGb = root.value(QStringLiteral("max_local_cpu_size"));
    if (cpuGb.isDouble())
        config.l1SizeBytes = wholeNumberOr(cpuGb.toDouble() * 1024.0 * 1024.0 * 1024.0, -1);
    config.httpHost =
        root.value(QStringLiteral("internal_api_server_host")).toString(QStringLiteral("0.0.0.0"));
    config.httpPort = root.value(QStringLiteral("internal_api_server_port_start")).toInt(0);
    return applyExtraConfig(config, extra, error);
}

} // namespace

Outcome<QUrl> PluginConfig::parseHeartbeatUrl(const QString &text) {
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (text.trimmed().isEmpty())
        return Outcome<QUrl>::failure(QStringLiteral("the heartbeat URL is empty"));
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") ||
        url.host().isEmpty())
        return Outcome<QUrl>::failure(
            QStringLiteral("not an http(s) URL with a host: \"%1\"").arg(text.left(200)));
    return Outcome<QUrl>::success(url);
}

Outcome<PluginConfig> PluginConfig::parse(const QByteArray &json) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Outcome<PluginConfig>::failure(
            QStringLiteral("LMCACHE_RUNTIME_PLUGIN_CONFIG is not valid JSON: %1 at offset %2")
                .arg(parseError.errorString())
                .arg(parseError.offset));
    if (!document.isObject())
        return Outcome<PluginConfig>::failure(
            QStringLiteral("LMCACHE_RUNTIME_PLUGIN_CONFIG must be a JSON object"));

    const QJsonObject root = document.object();
    PluginConfig config;
    QString error;
    const bool mpShape = root.contains(QStringLiteral("mp_config")) ||
                         root.contains(QStringLiteral("runtime_plugin_extra_config")) ||
                         root.contains(QStringLiteral("http_config"));
    const bool ok = mpShape ? readMpShape(config, root, error) : readVllmShape(config, root, error);
    if (!ok)
        return Outcome<PluginConfig>::failure(error);
    return Outcome<PluginConfig>::success(config);
}

QString PluginConfig::missingSettings() const {
    if (heartbeatUrl.isEmpty())
        return QStringLiteral("no heartbeat URL: set plugin.frontend.heartbeat-url in the "
                              "runtime plugin config or pass --heartbeat-url");
    if (!heartbeatUrl.isValid())
        return QStringLiteral("the heartbeat URL is not valid");
    if (httpPort <= 0)
        return QStringLiteral("the node's HTTP port is unknown: LMCACHE_RUNTIME_PLUGIN_CONFIG has "
                              "no http_config.http_port; pass --api-address");
    return {};
}

} // namespace lmcf
