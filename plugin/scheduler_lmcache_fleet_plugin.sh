#!/bin/sh
# LMCache runtime plugin shim for vLLM mode. The file name starts with "scheduler_", so LMCache's
# launcher runs it in the vLLM scheduler process only (spec §3b). It execs
# `lmcache-fleetd vllm-plugin` in our place (same pid: LMCache's SIGTERM reaches it), which reads
# LMCACHE_RUNTIME_PLUGIN_CONFIG / _ROLE / _WORKER_COUNT and LMCACHE_FRONTEND_PORT, proxies the
# scheduler's and workers' internal API servers and heartbeats to the head node.
# Binary: $LMCACHE_FLEETD_BIN, else next to this script, else on PATH. Extra arguments are passed
# on as lmcache-fleetd flags (they override the computed ones).
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
bin=${LMCACHE_FLEETD_BIN:-}
if [ -z "$bin" ]; then
    if [ -x "$here/lmcache-fleetd" ]; then
        bin=$here/lmcache-fleetd
    else
        bin=$(command -v lmcache-fleetd 2>/dev/null || true)
    fi
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "scheduler_lmcache_fleet_plugin: error: lmcache-fleetd not found (set LMCACHE_FLEETD_BIN)" >&2
    exit 2
fi
exec "$bin" vllm-plugin "$@"
