#include "NodeDocuments.h"

#include "Workload.h"

#include <QJsonDocument>

namespace lmcf::NodeDocuments {

QString version() {
    return QStringLiteral("0.3.9-sim");
}

QJsonObject status(const NodeIdentity &node, const Workload &workload) {
    const QJsonObject layout{{QStringLiteral("num_layers"), 32},
                             {QStringLiteral("block_size"), 16},
                             {QStringLiteral("dtype"), QStringLiteral("torch.bfloat16")},
                             {QStringLiteral("is_mla"), false},
                             {QStringLiteral("num_blocks"), 12345},
                             {QStringLiteral("cache_size_per_token"), 131072}};
    const QJsonObject gpu{{QStringLiteral("model_name"), node.modelName},
                          {QStringLiteral("world_size"), 1},
                          {QStringLiteral("kv_cache_layout"), layout}};
    const QJsonObject l1{{QStringLiteral("memory_used_bytes"), double(workload.l1UsedBytes())},
                         {QStringLiteral("memory_total_bytes"), double(workload.l1TotalBytes())},
                         {QStringLiteral("total_object_count"), double(workload.objectCount())}};
    return QJsonObject{
        {QStringLiteral("is_healthy"), true},
        {QStringLiteral("engine_type"), QStringLiteral("MPCacheEngine")},
        {QStringLiteral("chunk_size"), Workload::kChunkTokens},
        {QStringLiteral("hash_algorithm"), QStringLiteral("builtin-hash")},
        {QStringLiteral("registered_gpu_ids"), QJsonArray{0, 1}},
        {QStringLiteral("gpu_context_meta"), QJsonObject{{QStringLiteral("0"), gpu}}},
        {QStringLiteral("active_sessions"), workload.activeSessions()},
        {QStringLiteral("active_prefetch_jobs"), workload.activeSessions() / 3},
        {QStringLiteral("storage_manager"), QJsonObject{{QStringLiteral("is_healthy"), true},
                                                        {QStringLiteral("l1"), l1},
                                                        {QStringLiteral("num_l2_adapters"), 0}}}};
}

QJsonObject configuration(const NodeIdentity &node) {
    return QJsonObject{
        {QStringLiteral("mp_config"),
         QJsonObject{{QStringLiteral("host"), QStringLiteral("localhost")},
                     {QStringLiteral("port"), 5555 + node.index},
                     {QStringLiteral("chunk_size"), Workload::kChunkTokens},
                     {QStringLiteral("max_workers"), 1},
                     {QStringLiteral("hash_algorithm"), QStringLiteral("builtin-hash")},
                     {QStringLiteral("engine_type"), QStringLiteral("default")}}},
        {QStringLiteral("storage_manager_config"),
         QJsonObject{{QStringLiteral("l1_manager_config"),
                      QJsonObject{{QStringLiteral("memory_config"),
                                   QJsonObject{{QStringLiteral("size_in_bytes"), 2147483648.0},
                                               {QStringLiteral("use_lazy"), true}}}}},
                     {QStringLiteral("eviction_config"),
                      QJsonObject{{QStringLiteral("eviction_policy"), QStringLiteral("LRU")},
                                  {QStringLiteral("trigger_watermark"), 0.8},
                                  {QStringLiteral("eviction_ratio"), 0.2}}}}},
        {QStringLiteral("obs_config"),
         QJsonObject{{QStringLiteral("enabled"), true}, {QStringLiteral("metrics_enabled"), true}}},
        {QStringLiteral("http_config"), QJsonObject{{QStringLiteral("http_host"), node.host},
                                                    {QStringLiteral("http_port"), node.port}}}};
}

QJsonObject engineConfiguration(const NodeIdentity &node) {
    return QJsonObject{
        {QStringLiteral("chunk_size"), Workload::kChunkTokens},
        {QStringLiteral("local_cpu"), true},
        {QStringLiteral("max_local_cpu_size"), 2.0},
        {QStringLiteral("lmcache_instance_id"), node.instance},
        {QStringLiteral("internal_api_server_enabled"), true},
        {QStringLiteral("internal_api_server_host"), node.host},
        // Worker i listens at start + 1 + i, the scheduler (id -1) at start.
        {QStringLiteral("internal_api_server_port_start"), int(node.port) - 1 - node.workerId},
        {QStringLiteral("internal_api_server_include_index_list"), QJsonValue::Null},
        {QStringLiteral("extra_config"), QJsonObject{}}};
}

QJsonArray threads() {
    const auto frame = [](const char *file, int line, const char *function) {
        return QJsonObject{{QStringLiteral("filename"), QString::fromLatin1(file)},
                           {QStringLiteral("lineno"), line},
                           {QStringLiteral("function_name"), QString::fromLatin1(function)}};
    };
    const auto thread = [&](qint64 id, const char *name, const char *function, QJsonArray stack) {
        return QJsonObject{{QStringLiteral("thread_id"), double(id)},
                           {QStringLiteral("name"), QString::fromLatin1(name)},
                           {QStringLiteral("state"), QStringLiteral("running")},
                           {QStringLiteral("daemon"), id != 140000000000001},
                           {QStringLiteral("function_name"), QString::fromLatin1(function)},
                           {QStringLiteral("stack"), stack}};
    };
    return QJsonArray{
        thread(140000000000001, "MainThread", "serve_forever",
               {frame("lmcache/v1/multiprocess/server.py", 412, "main"),
                frame("lmcache/v1/multiprocess/server.py", 388, "serve_forever")}),
        thread(140000000000002, "uvicorn-http", "run",
               {frame("uvicorn/server.py", 68, "run"),
                frame("asyncio/base_events.py", 641, "run_until_complete")}),
        thread(140000000000003, "l1-evictor", "evict_loop",
               {frame("lmcache/v1/storage/l1_manager.py", 233, "evict_loop"),
                frame("threading.py", 320, "wait")}),
    };
}

QJsonObject environment(const NodeIdentity &node) {
    return QJsonObject{
        {QStringLiteral("HOME"), QStringLiteral("/home/lmcache")},
        {QStringLiteral("PATH"), QStringLiteral("/usr/local/bin:/usr/bin:/bin")},
        {QStringLiteral("HOSTNAME"), node.name},
        {QStringLiteral("CUDA_VISIBLE_DEVICES"), QStringLiteral("0,1")},
        {QStringLiteral("LMCACHE_LOG_LEVEL"), QStringLiteral("INFO")},
        {QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1")},
        {QStringLiteral("HF_TOKEN"), QStringLiteral("hf_SIMULATEDfakeTOKENnotREAL0000")},
        {QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("sim/FAKE+secret+key")}};
}

QJsonObject meta(const NodeIdentity &node) {
    const bool worker = node.workerId >= 0;
    return QJsonObject{
        {QStringLiteral("instance_id"), node.isVllmProcess() ? node.instance : node.name},
        {QStringLiteral("role"), worker ? QStringLiteral("worker") : QStringLiteral("scheduler")},
        {QStringLiteral("worker_id"), worker ? node.workerId : 0},
        {QStringLiteral("world_size"), qMax(1, node.workerCount)},
        {QStringLiteral("model_name"), node.modelName},
        {QStringLiteral("lmcache_version"), version()}};
}

QJsonObject inferenceInfo(const NodeIdentity &node) {
    return QJsonObject{{QStringLiteral("vllm_version"), QStringLiteral("0.10.1")},
                       {QStringLiteral("model_config"),
                        QJsonObject{{QStringLiteral("model"), node.modelName},
                                    {QStringLiteral("dtype"), QStringLiteral("bfloat16")},
                                    {QStringLiteral("max_model_len"), 32768}}},
                       {QStringLiteral("cache_config"),
                        QJsonObject{{QStringLiteral("block_size"), 16},
                                    {QStringLiteral("gpu_memory_utilization"), 0.9}}},
                       {QStringLiteral("parallel_config"),
                        QJsonObject{{QStringLiteral("tensor_parallel_size"), 1},
                                    {QStringLiteral("pipeline_parallel_size"), 1}}}};
}

QJsonObject select(const QJsonObject &document, const QString &names) {
    if (names.trimmed().isEmpty())
        return document;
    QJsonObject selected;
    for (const QString &name : names.split(u',', Qt::SkipEmptyParts)) {
        const QString key = name.trimmed();
        if (document.contains(key))
            selected.insert(key, document.value(key));
    }
    return selected;
}

} // namespace lmcf::NodeDocuments
