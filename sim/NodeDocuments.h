#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace lmcf {

class Workload;

//! Who a simulated node pretends to be.
struct NodeIdentity {
    QString name;      //!< e.g. sim-node-01
    QString host;      //!< listen host
    quint16 port = 0;  //!< HTTP port
    int index = 0;     //!< 0-based position in the fleet
    QString modelName; //!< the model this node "serves"
    // vLLM mode (spec §3b): one LMCache instance inside a vLLM process.
    QString instance = {}; //!< empty: an MP server; else the vLLM instance id
    int workerId = -1;   //!< -1: the scheduler; else the worker's id
    int workerCount = 0; //!< workers of the instance

    bool isVllmProcess() const { return !instance.isEmpty(); }
};

//! The JSON bodies of a simulated node's API (spec §4), built from its identity and workload.
namespace NodeDocuments {

QString version();
QJsonObject status(const NodeIdentity &node, const Workload &workload);
//! The effective configuration, in the shape of LMCACHE_RUNTIME_PLUGIN_CONFIG.
QJsonObject configuration(const NodeIdentity &node);
//! A vLLM process's LMCache engine config (what `/conf` shows and the plugin launcher passes):
//! `lmcache_instance_id`, the `internal_api_server_*` keys, `extra_config`.
QJsonObject engineConfiguration(const NodeIdentity &node);
//! Python-style thread dump with stacks.
QJsonArray threads();
//! A fake process environment, including a fake secret (HF_TOKEN).
QJsonObject environment(const NodeIdentity &node);
QJsonObject meta(const NodeIdentity &node);
QJsonObject inferenceInfo(const NodeIdentity &node);
//! Keeps only the keys listed in `names` (comma separated); everything when empty.
QJsonObject select(const QJsonObject &document, const QString &names);

} // namespace NodeDocuments
} // namespace lmcf
