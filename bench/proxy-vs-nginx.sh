#!/usr/bin/env bash
# Reverse-proxy throughput: wrk against lmcache-fleetd's /proxy2 and against nginx configured as
# a keep-alive reverse proxy, both in front of the SAME upstream (an nginx serving a 16 KB
# Prometheus text), alternating rounds, printing req/s, the ratio and p50/p99.
# Usage: bench/proxy-vs-nginx.sh [path/to/lmcache-fleetd] [rounds] [seconds] [connections]
# Needs the `bench` package set: packaging/install-deps.sh bench  (wrk, nginx).
set -euo pipefail

fleetd=${1:-build/daemon/lmcache-fleetd}
rounds=${2:-3}
seconds=${3:-5}
connections=${4:-16}
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "proxy-vs-nginx: $tool missing (install-deps.sh bench)" >&2; exit 2; }
done
[ -x "$fleetd" ] || { echo "proxy-vs-nginx: no lmcache-fleetd at $fleetd" >&2; exit 2; }

work=$(mktemp -d)
chmod 755 "$work" # nginx workers may run as nobody
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# A realistic 16 KB exposition: vLLM-mode LMCache families with labels.
{
  for i in $(seq 1 60); do
    echo "# HELP lmcache:num_retrieve_requests_$i Number of retrieve requests."
    echo "# TYPE lmcache:num_retrieve_requests_$i counter"
    echo "lmcache:num_retrieve_requests_$i{model_name=\"meta-llama/Llama-3.1-8B-Instruct\",worker_id=\"0\"} $((i * 1234)).0"
    echo "lmcache:num_retrieve_requests_$i{model_name=\"meta-llama/Llama-3.1-8B-Instruct\",worker_id=\"1\"} $((i * 4321)).0"
  done
} | head -c 16384 > "$work/metrics"
chmod 644 "$work/metrics"

upstream_port=$(free_port)
nginx_port=$(free_port)
fleetd_port=$(free_port)

# One single-worker nginx; $1 names it (pid and log files), $2 is its http { } body.
nginx_config() {
  cat <<CONF
worker_processes 1;
daemon off;
pid $work/$1.pid;
error_log $work/$1.err warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
$2
}
CONF
}
nginx_config upstream "  server { listen 127.0.0.1:$upstream_port; root $work; default_type text/plain; }" \
  >"$work/upstream.conf"
nginx_config proxy "  upstream node { server 127.0.0.1:$upstream_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location /proxy2/n1/ {
      proxy_pass http://node/;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_buffering on;
    }
  }" >"$work/proxy.conf"

nginx -p "$work" -c "$work/upstream.conf" & pids+=($!)
nginx -p "$work" -c "$work/proxy.conf" & pids+=($!)
"$fleetd" --host 127.0.0.1 --port "$fleetd_port" --log-level error \
  --nodes "[{\"name\":\"n1\",\"host\":\"127.0.0.1\",\"port\":$upstream_port}]" > "$work/fleetd.out" & pids+=($!)

for port in "$upstream_port" "$nginx_port" "$fleetd_port"; do
  for _ in $(seq 1 50); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/proxy2/n1/metrics" 2>/dev/null && break
    curl -fs -o /dev/null "http://127.0.0.1:$port/metrics" 2>/dev/null && break
    sleep 0.1
  done
done
size=$(curl -fs "http://127.0.0.1:$fleetd_port/proxy2/n1/metrics" | wc -c)
[ "$size" -eq 16384 ] || { echo "proxy-vs-nginx: fleetd answered $size bytes, want 16384" >&2; exit 1; }

# wrk --latency → "req/s p50_ms p99_ms non2xx"; a second argument adds a Lua pacing script.
measure() {
  wrk -t1 -c"$connections" -d"${seconds}s" --latency ${2:+-s "$2"} "$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { bad = $NF }
    END { printf "%.0f %.3f %.3f %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }'
}

echo "wrk -t1 -c$connections -d${seconds}s, 16384-byte body, $rounds alternating rounds ($(nproc) cores)"
printf "%-7s %-22s %10s %9s %9s\n" round target "req/s" "p50 ms" "p99 ms"
declare -A sum
for round in $(seq 1 "$rounds"); do
  for target in direct nginx fleetd; do
    case $target in
      direct) url="http://127.0.0.1:$upstream_port/metrics" ;;
      nginx) url="http://127.0.0.1:$nginx_port/proxy2/n1/metrics" ;;
      fleetd) url="http://127.0.0.1:$fleetd_port/proxy2/n1/metrics" ;;
    esac
    read -r rps p50 p99 bad < <(measure "$url")
    [ "$bad" = 0 ] || echo "  warning: $bad non-2xx answers from $target" >&2
    printf "%-7s %-22s %10s %9s %9s\n" "$round" "$target" "$rps" "$p50" "$p99"
    sum[$target.rps]=$(( ${sum[$target.rps]:-0} + rps ))
    sum[$target.p50]=$(awk -v a="${sum[$target.p50]:-0}" -v b="$p50" 'BEGIN{print a+b}')
    sum[$target.p99]=$(awk -v a="${sum[$target.p99]:-0}" -v b="$p99" 'BEGIN{print a+b}')
  done
done
echo "--- means over $rounds rounds"
for target in direct nginx fleetd; do
  awk -v t="$target" -v r="${sum[$target.rps]}" -v a="${sum[$target.p50]}" -v b="${sum[$target.p99]}" -v n="$rounds" \
    'BEGIN { printf "%-14s %10.0f req/s   p50 %.3f ms   p99 %.3f ms\n", t, r / n, a / n, b / n }'
done
awk -v f="${sum[fleetd.rps]}" -v n="${sum[nginx.rps]}" \
  'BEGIN { printf "fleetd / nginx req/s ratio: %.2f (target >= 0.50)\n", f / n }'
# Latency at half of fleetd's measured maximum: each connection waits between requests so the
# offered load is about half the throughput above (wrk's delay() hook, in ms).
half=$(awk -v f="${sum[fleetd.rps]}" -v n="$rounds" 'BEGIN { printf "%.0f", f / n / 2 }')
pause=$(awk -v h="$half" -v c="$connections" 'BEGIN { printf "%.3f", c * 1000 / h }')
echo "function delay() return $pause end" > "$work/pace.lua"
echo "--- at half load (~$half req/s offered: $connections connections, ${pause} ms between requests)"
declare -A half_p99
for target in direct nginx fleetd; do
  case $target in
    direct) url="http://127.0.0.1:$upstream_port/metrics" ;;
    nginx) url="http://127.0.0.1:$nginx_port/proxy2/n1/metrics" ;;
    fleetd) url="http://127.0.0.1:$fleetd_port/proxy2/n1/metrics" ;;
  esac
  read -r rps p50 p99 bad < <(measure "$url" "$work/pace.lua")
  half_p99[$target]=$p99
  printf "%-14s %10s req/s   p50 %s ms   p99 %s ms\n" "$target" "$rps" "$p50" "$p99"
done
awk -v f="${half_p99[fleetd]}" -v n="${half_p99[nginx]}" -v d="${half_p99[direct]}" \
  'BEGIN { printf "added p99 over direct at half load: fleetd %.3f ms, nginx %.3f ms (target <= 1 ms)\n", f - d, n - d }'
fleetd_pid=${pids[2]}
echo "fleetd peak RSS: $(awk '/VmHWM/ {print $2, $3}' "/proc/$fleetd_pid/status")"
