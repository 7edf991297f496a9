#!/usr/bin/env bash
# The demo: builds everything, starts lmcache-fleetd and a simulated fleet (each node heartbeating
# through the real lmcache-heartbeat agent) on loopback, then opens lmcache-fleet on them.
# Without a display the app runs under Xvfb and writes screenshots of every page instead.
#   sim/run-demo.sh [--nodes N] [--screenshots DIR]      Ctrl+C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

nodes=8
shots="${PWD}/screenshots"
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --screenshots) shots="$2"; shift 2 ;;
    *) echo "usage: sim/run-demo.sh [--nodes N] [--screenshots DIR]" >&2; exit 2 ;;
  esac
done

packaging/install-deps.sh demo
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --parallel "$(nproc)" --target lmcache-fleetd lmcache-fleet-sim \
  lmcache-heartbeat lmcache-fleet

run_dir="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$run_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts a program in the background and prints the URL of its first "listening on" line.
start() {
  local log="$run_dir/$1.out"
  "${@:2}" >"$log" 2>"$run_dir/$1.err" &
  pids+=($!)
  for _ in $(seq 100); do
    url=$(sed -n 's/^listening on //p' "$log" | head -1)
    [ -n "$url" ] && { echo "$url"; return; }
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "demo: $1 did not start:" >&2; cat "$run_dir/$1.err" >&2; exit 1
}

daemon=$(start daemon build/daemon/lmcache-fleetd --host 127.0.0.1 --port 0 --allow-node-path /env \
  --state-file "$run_dir/registry.json" --scrape-interval 2)
echo "demo: lmcache-fleetd on $daemon"
start sim build/sim/lmcache-fleet-sim --nodes "$nodes" --host 127.0.0.1 --base-port 0 \
  --heartbeat-url "$daemon/lmcache_heartbeat" --heartbeat-interval 2 >/dev/null
echo "demo: $nodes simulated nodes heartbeating to it"

app=build/app/lmcache-fleet
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: opening lmcache-fleet (close it or press Ctrl+C to stop)"
  "$app" --daemon "$daemon"
else
  mkdir -p "$shots"
  echo "demo: no display; rendering the app under Xvfb to $shots"
  xvfb-run -a -s "-screen 0 1600x1000x24" "$app" --daemon "$daemon" --screenshot "$shots"
  echo "demo: screenshots written to $shots:"
  ls -1 "$shots"
fi
