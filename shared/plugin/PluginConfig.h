#pragma once

#include "core/Outcome.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace lmcf {

//! What a heartbeat agent needs from `LMCACHE_RUNTIME_PLUGIN_CONFIG` (spec §3): where to report,
//! how often, and what to say about the node. Plain data; parse() builds it.
struct PluginConfig final {
    QUrl heartbeatUrl;                   //!< `plugin.frontend.heartbeat-url`; empty when not given
    double heartbeatIntervalS = 30.0;    //!< `plugin.frontend.heartbeat-interval`, > 0
    double heartbeatInitialDelayS = 0.0; //!< `plugin.frontend.heartbeat-initial-delay`, >= 0
    QString reportHost;                  //!< `plugin.frontend.report-host`; empty = auto-detect
    QString httpHost;                    //!< `http_config.http_host` (MP) or the internal API host
    int httpPort = 0;                    //!< `http_config.http_port`; 0 when unknown

    // A summary of the node for `other_info` (empty / -1 when the config does not say).
    qint64 l1SizeBytes = -1;
    QString evictionPolicy;
    int chunkSize = -1;
    QString hashAlgorithm;

    bool vllmMode = false; //!< the config was an engine config with `extra_config` (spec §3b)
    //! The vLLM-mode node proxy's own `plugin.frontend.*` settings (spec §3b), unchecked, keyed
    //! by the name after the prefix with `_` read as `-`: `port`, `host`, `auth-file`,
    //! `insecure-no-auth`, `log-level`, `allow-node-path`. VllmProcessLayout checks them; the
    //! agent ignores them.
    QJsonObject proxySettings;
    //! The whole engine config in vLLM mode (VllmProcessLayout reads `internal_api_server_*`
    //! and `lmcache_instance_id` from it); empty in MP mode.
    QJsonObject engineConfig;
    QStringList warnings; //!< e.g. unknown `plugin.frontend.*` keys; never fatal

    //! Parses the JSON object exactly as LMCache passes it: the MP shape (`mp_config`,
    //! `storage_manager_config`, `http_config`, `runtime_plugin_extra_config`) or the vLLM engine
    //! config (`extra_config`, `internal_api_server_*`). In `plugin.frontend.*` keys `-` and `_`
    //! are interchangeable; numbers may be JSON numbers or numeric strings. Unknown
    //! `plugin.frontend.*` keys become warnings. Fails, naming the key, on text that is not a
    //! JSON object or on a value of the wrong type or range. A missing URL is NOT a failure here
    //! (a flag may still supply it): see missingSettings().
    static Outcome<PluginConfig> parse(const QByteArray &json);

    //! Empty when the config is complete enough to run; otherwise one line saying what is
    //! missing (the heartbeat URL, or an invalid one) and how to supply it.
    QString missingSettings() const;

    //! Checks a heartbeat URL given as text (flag or config): http(s) with a host.
    static Outcome<QUrl> parseHeartbeatUrl(const QString &text);
};

} // namespace lmcf
