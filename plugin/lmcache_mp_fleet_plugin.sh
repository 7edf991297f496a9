#!/bin/sh
# LMCache runtime plugin shim: LMCache's launcher runs *.sh files from --runtime-plugin-locations
# with LMCACHE_RUNTIME_PLUGIN_CONFIG in the environment. This execs lmcache-heartbeat in our
# place (same pid, so LMCache's SIGTERM reaches it) with the environment untouched.
# Binary: $LMCACHE_FLEET_HEARTBEAT_BIN, else next to this script, else on PATH.
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
bin=${LMCACHE_FLEET_HEARTBEAT_BIN:-}
if [ -z "$bin" ]; then
    if [ -x "$here/lmcache-heartbeat" ]; then
        bin=$here/lmcache-heartbeat
    else
        bin=$(command -v lmcache-heartbeat 2>/dev/null || true)
    fi
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "lmcache_mp_fleet_plugin: error: lmcache-heartbeat not found (set LMCACHE_FLEET_HEARTBEAT_BIN)" >&2
    exit 2
fi
exec "$bin" "$@"
