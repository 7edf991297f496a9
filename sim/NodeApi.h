#pragma once

#include "NodeDocuments.h"
#include "WorkloadMetrics.h"

#include <QByteArray>
#include <QMap>
#include <QUrlQuery>

#include <functional>
#include <optional>

namespace lmcf {

class FaultPlan;
class Workload;

//! Which paths a node serves (spec §4): the documented MP paths or the newer renamed ones.
enum class ApiGeneration { Old, New };

//! One answer of a simulated node, before it goes on the wire.
struct SimReply {
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
};

//! The HTTP API of a simulated LMCache MP node (spec §4), or of one vLLM process's internal API
//! server when the identity says so (spec §3b: `/meta`, `/inference_info`, `/conf?names=`,
//! `/loglevel`, `/threads`, `/metrics` with `lmcache:` families and `worker_id`, `/env`), without
//! sockets: a request in, an answer out. Every call first advances the workload to the clock, then
//! draws the fail-rate fault. Unknown paths (including the other generation's) answer FastAPI's
//! 404.
class NodeApi final {
public:
    NodeApi(NodeIdentity identity, ApiGeneration generation, MetricsFamilies families,
            Workload *workload, FaultPlan *faults, std::function<qint64()> clockMs);

    SimReply respond(const QByteArray &method, const QString &path, const QUrlQuery &query);

    const NodeIdentity &identity() const { return m_identity; }
    void setPort(quint16 port) { m_identity.port = port; }

private:
    SimReply route(const QByteArray &method, const QString &path, const QUrlQuery &query);
    //! A vLLM process's own answer, or nullopt where it answers as an MP server.
    std::optional<SimReply> routeVllm(bool get, const QString &path, const QString &names);
    SimReply logLevel(const QUrlQuery &query);
    SimReply clearCache();

    NodeIdentity m_identity;
    ApiGeneration m_generation;
    MetricsFamilies m_families;
    Workload *m_workload;
    FaultPlan *m_faults;
    std::function<qint64()> m_clockMs;
    QMap<QString, QString> m_levels;
};

} // namespace lmcf
