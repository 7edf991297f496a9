#include "NodeApi.h"

#include "FaultPlan.h"
#include "Workload.h"

#include <QJsonDocument>
#include <QStringList>

namespace lmcf {

namespace {

SimReply json(const QJsonObject &object, int status = 200) {
    return {status, QJsonDocument(object).toJson(QJsonDocument::Compact)};
}

SimReply json(const QJsonArray &array) {
    return {200, QJsonDocument(array).toJson(QJsonDocument::Compact)};
}

SimReply text(int status, const QByteArray &body) {
    return {status, body, QByteArrayLiteral("text/plain; charset=utf-8")};
}

const QStringList kLevels = {QStringLiteral("CRITICAL"), QStringLiteral("FATAL"),
                             QStringLiteral("ERROR"),    QStringLiteral("WARN"),
                             QStringLiteral("WARNING"),  QStringLiteral("INFO"),
                             QStringLiteral("DEBUG"),    QStringLiteral("NOTSET")};

} // namespace

NodeApi::NodeApi(NodeIdentity identity, ApiGeneration generation, MetricsFamilies families,
                 Workload *workload, FaultPlan *faults, std::function<qint64()> clockMs)
    : m_identity(std::move(identity))
    , m_generation(generation)
    , m_families(families)
    , m_workload(workload)
    , m_faults(faults)
    , m_clockMs(std::move(clockMs)) {
    for (const char *logger : {"root", "lmcache", "lmcache.v1.multiprocess.server",
                               "lmcache.v1.storage", "uvicorn", "uvicorn.access"})
        m_levels.insert(QString::fromLatin1(logger), QStringLiteral("INFO"));
    m_levels.insert(QStringLiteral("uvicorn.access"), QStringLiteral("WARNING"));
}

SimReply NodeApi::respond(const QByteArray &method, const QString &path, const QUrlQuery &query) {
    m_workload->advanceTo(m_clockMs());
    if (m_faults->nextRequestFails())
        return json(QJsonObject{{QStringLiteral("detail"), QStringLiteral("simulated failure")}},
                    500);
    return route(method, path, query);
}

SimReply NodeApi::route(const QByteArray &method, const QString &path, const QUrlQuery &query) {
    const bool get = method == "GET" || method == "HEAD"; // Qt 6.4 sends HEAD bodies anyway
    const bool old = m_generation == ApiGeneration::Old;
    const auto is = [&](QStringView oldPath, QStringView newPath) {
        return path == (old ? oldPath : newPath);
    };
    const QString names = query.queryItemValue(QStringLiteral("names"), QUrl::FullyDecoded);
    if (m_identity.isVllmProcess()) {
        if (auto reply = routeVllm(get, path, names))
            return *reply;
    }
    if (get && path == u"/")
        return json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                {QStringLiteral("service"), QStringLiteral("LMCache HTTP API")}});
    if (get && is(u"/api/healthcheck", u"/healthcheck"))
        return json(QJsonObject{{QStringLiteral("status"), QStringLiteral("healthy")}});
    if (get && is(u"/api/status", u"/status"))
        return json(NodeDocuments::status(m_identity, *m_workload));
    if (method == "POST" && is(u"/api/clear-cache", u"/cache/clear"))
        return clearCache();
    if (get && path == u"/metrics") {
        if (m_faults->settings().garbageMetrics)
            return text(200, WorkloadMetrics::garbage());
        return {200, WorkloadMetrics::render(*m_workload, m_families, m_identity.modelName),
                QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8")};
    }
    if (get && path == u"/version")
        return {200, '"' + NodeDocuments::version().toUtf8() + '"'};
    if (get && path == u"/conf")
        return json(NodeDocuments::select(NodeDocuments::configuration(m_identity), names));
    if (get && path == u"/threads")
        return json(NodeDocuments::threads());
    if (get && path == u"/loglevel")
        return logLevel(query);
    if (get && path == u"/env")
        return json(NodeDocuments::environment(m_identity));
    if (get && path == u"/meta")
        return json(NodeDocuments::select(NodeDocuments::meta(m_identity), names));
    if (get && path == u"/inference_info")
        return json(NodeDocuments::inferenceInfo(m_identity));
    return json(QJsonObject{{QStringLiteral("detail"), QStringLiteral("Not Found")}}, 404);
}

std::optional<SimReply> NodeApi::routeVllm(bool get, const QString &path, const QString &names) {
    // The internal API server inside a vLLM process (spec §3b): no engine status, no clear; the
    // other paths answer as an MP server's do.
    static const QStringList shared = {
        QStringLiteral("/version"), QStringLiteral("/threads"), QStringLiteral("/loglevel"),
        QStringLiteral("/env"),     QStringLiteral("/meta"),    QStringLiteral("/inference_info")};
    if (get && path == u"/metrics")
        return SimReply{200,
                        WorkloadMetrics::render(*m_workload, MetricsFamilies::Vllm,
                                                m_identity.modelName, qMax(0, m_identity.workerId)),
                        QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8")};
    if (get && path == u"/conf")
        return json(NodeDocuments::select(NodeDocuments::engineConfiguration(m_identity), names));
    if (get && shared.contains(path))
        return std::nullopt;
    return json(QJsonObject{{QStringLiteral("detail"), QStringLiteral("Not Found")}}, 404);
}

SimReply NodeApi::clearCache() {
    m_workload->clear();
    if (m_generation == ApiGeneration::Old)
        return json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
    return json(QJsonObject{
        {QStringLiteral("status"), QStringLiteral("ok")},
        {QStringLiteral("cleared"), QJsonObject{{QStringLiteral("tier"), QStringLiteral("l1")}}}});
}

SimReply NodeApi::logLevel(const QUrlQuery &query) {
    const QString logger = query.queryItemValue(QStringLiteral("logger_name"), QUrl::FullyDecoded);
    const QString level = query.queryItemValue(QStringLiteral("level"), QUrl::FullyDecoded);
    if (query.hasQueryItem(QStringLiteral("level"))) {
        const QString upper = level.trimmed().toUpper();
        if (!kLevels.contains(upper))
            return text(400, "Invalid log level: " + level.toUtf8() + '\n');
        const QString name = logger.trimmed().isEmpty() ? QStringLiteral("root") : logger.trimmed();
        m_levels.insert(name, upper);
        return text(200, "Set logger " + name.toUtf8() + " level to " + upper.toUtf8() + '\n');
    }
    QByteArray body = "=== Loggers and Levels ===\n";
    for (auto it = m_levels.cbegin(); it != m_levels.cend(); ++it)
        body += it.key().toUtf8() + ": " + it.value().toUtf8() + '\n';
    return text(200, body);
}

} // namespace lmcf
