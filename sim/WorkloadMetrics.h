#pragma once

#include <QByteArray>
#include <QString>

namespace lmcf {

class Workload;

//! Which metric families a simulated node exports (spec §5): the vLLM-mode `lmcache:*` set,
//! the MP-mode `lmcache_mp_*` set, or both.
enum class MetricsFamilies { Vllm, Mp, Both };

//! Renders a Workload as Prometheus text exposition 0.0.4 with the exact names of spec §5: one
//! HELP and TYPE line per family; vLLM-mode samples labelled `model_name` and `worker_id`.
namespace WorkloadMetrics {

QByteArray render(const Workload &workload, MetricsFamilies families, const QString &modelName,
                  int workerId = 0);

//! A deliberately broken exposition (the `--garbage-metrics` fault): bad sample values, a
//! TYPE for an unknown type, an unterminated label set.
QByteArray garbage();

} // namespace WorkloadMetrics
} // namespace lmcf
