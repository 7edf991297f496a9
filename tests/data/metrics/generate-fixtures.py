#!/usr/bin/env python3
"""Writes the realistic metrics fixtures of this folder (deterministic; rerun after editing).

Names are exactly those of spec section 5. vLLM mode looks like prometheus_client output,
MP mode like the OpenTelemetry Prometheus exporter, in text 0.0.4 and OpenMetrics flavours.
"""
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
rng = random.Random(20261123)

VLLM_COUNTERS = """num_retrieve_requests num_store_requests num_lookup_requests
num_retrieve_requested_tokens num_retrieve_retrieved_tokens num_store_requested_tokens
num_store_stored_tokens num_lookup_requested_tokens num_lookup_hit_tokens num_vllm_hit_tokens
num_remote_read_requests num_remote_read_bytes num_remote_write_requests num_remote_write_bytes
local_cpu_evict_count local_cpu_evict_keys_count local_cpu_evict_failed_count""".split()
VLLM_GAUGES = """retrieve_hit_rate lookup_hit_rate local_cache_usage remote_cache_usage
local_storage_usage active_memory_objs_count pinned_memory_objs_count""".split()
VLLM_HISTOGRAMS = {
    "time_to_retrieve": [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0,
                         2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0],
    "time_to_store": [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0,
                      2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0],
    "retrieve_speed": [1, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768,
                       65536, 131072, 262144, 524288, 1048576, 2097152, 4194304, 8388608],
    "store_speed": [1, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768,
                    65536, 131072, 262144, 524288, 1048576, 2097152, 4194304, 8388608],
}
MODEL = "meta-llama/Llama-3.1-8B-Instruct"


def fmt(v):
    return repr(float(v))  # prometheus_client writes floats: 12.0, 0.25, 1e-05


def vllm_node(workers=5):
    out = []
    labelsets = [f'model_name="{MODEL}",worker_id="{w}"' for w in range(workers)]
    for name in VLLM_COUNTERS:
        out.append(f"# HELP lmcache:{name} Number of {name.replace('_', ' ')}")
        out.append(f"# TYPE lmcache:{name} counter")
        for ls in labelsets:
            out.append(f"lmcache:{name}{{{ls}}} {fmt(rng.randrange(0, 5_000_000))}")
    for name in VLLM_GAUGES:
        out.append(f"# HELP lmcache:{name} {name.replace('_', ' ').capitalize()}")
        out.append(f"# TYPE lmcache:{name} gauge")
        for ls in labelsets:
            v = rng.random() if "rate" in name or "usage" in name else rng.randrange(0, 90000)
            out.append(f"lmcache:{name}{{{ls}}} {fmt(v)}")
    for name, buckets in VLLM_HISTOGRAMS.items():
        unit = "seconds" if name.startswith("time") else "tokens per second"
        out.append(f"# HELP lmcache:{name} Distribution of {name.replace('_', ' ')} ({unit})")
        out.append(f"# TYPE lmcache:{name} histogram")
        for ls in labelsets:
            count, total = 0, 0.0
            for b in buckets:
                step = rng.randrange(0, 400)
                count += step
                total += step * b * 0.7
                out.append(f'lmcache:{name}_bucket{{{ls},le="{fmt(b)}"}} {fmt(count)}')
            out.append(f'lmcache:{name}_bucket{{{ls},le="+Inf"}} {fmt(count)}')
            out.append(f"lmcache:{name}_sum{{{ls}}} {fmt(round(total, 6))}")
            out.append(f"lmcache:{name}_count{{{ls}}} {fmt(count)}")
    return "\n".join(out) + "\n"


MP_COUNTERS = """lmcache_mp_sm_read_requests lmcache_mp_sm_read_succeed_keys
lmcache_mp_sm_read_failed_keys lmcache_mp_sm_write_requests lmcache_mp_sm_write_succeed_keys
lmcache_mp_sm_write_failed_keys lmcache_mp_l1_read_keys lmcache_mp_l1_write_keys
lmcache_mp_l1_evicted_keys lmcache_mp_lookup_requested_tokens
lmcache_mp_lookup_hit_tokens""".split()
SCOPE = 'otel_scope_name="lmcache.mp",otel_scope_version="0.3.9"'
TARGET = ('service_name="lmcache-mp-server",service_instance_id="node-a:8085",'
          'telemetry_sdk_language="python",telemetry_sdk_name="opentelemetry",'
          'telemetry_sdk_version="1.27.0"')
LIFETIME_BUCKETS = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000]


def mp_node(openmetrics):
    out = []
    if openmetrics:
        out += ["# HELP target Target metadata", "# TYPE target info",
                f"target_info{{{TARGET}}} 1"]
    else:
        out += ["# HELP target_info Target metadata", "# TYPE target_info gauge",
                f"target_info{{{TARGET}}} 1"]
    for name in MP_COUNTERS:
        help_text = name.replace("lmcache_mp_", "").replace("_", " ").capitalize()
        family = name if openmetrics else name + "_total"
        out.append(f"# HELP {family} {help_text}")
        out.append(f"# TYPE {family} counter")
        out.append(f"{name}_total{{{SCOPE}}} {rng.randrange(0, 10_000_000)}")
        if openmetrics:
            out.append(f"{name}_created{{{SCOPE}}} 1763850000.123")
    out.append("# HELP lmcache_mp_l1_memory_usage_bytes L1 memory in use")
    out.append("# TYPE lmcache_mp_l1_memory_usage_bytes gauge")
    if openmetrics:
        out.append("# UNIT lmcache_mp_l1_memory_usage_bytes bytes")
    out.append(f"lmcache_mp_l1_memory_usage_bytes{{{SCOPE}}} {rng.randrange(1 << 30, 1 << 34)}")
    name = "lmcache_mp_l1_chunk_lifetime_seconds"
    out.append(f"# HELP {name} Lifetime of an L1 chunk before eviction")
    out.append(f"# TYPE {name} histogram")
    if openmetrics:
        out.append(f"# UNIT {name} seconds")
    count, total = 0, 0.0
    for b in LIFETIME_BUCKETS:
        count += rng.randrange(0, 50)
        total += count * 0.9
        le = f"{float(b)}" if openmetrics else f"{b}"
        ex = f' # {{trace_id="{rng.randrange(1 << 60):x}"}} {b * 0.8} 1763850001.5' \
            if openmetrics and b == 100 else ""
        out.append(f'{name}_bucket{{{SCOPE},le="{le}"}} {count}{ex}')
    out.append(f'{name}_bucket{{{SCOPE},le="+Inf"}} {count}')
    out.append(f"{name}_sum{{{SCOPE}}} {round(total, 3)}")
    out.append(f"{name}_count{{{SCOPE}}} {count}")
    if openmetrics:
        out.append(f"{name}_created{{{SCOPE}}} 1763850000.123")
        out.append("# EOF")
    return "\n".join(out) + "\n"


(HERE / "vllm-node.prom").write_text(vllm_node())
(HERE / "mp-node.prom").write_text(mp_node(False))
(HERE / "mp-node.openmetrics.txt").write_text(mp_node(True))
