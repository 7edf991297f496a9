#!/usr/bin/env bash
# Installs the Debian packages LMCache Fleet needs, only when one is missing (idempotent).
# Usage: packaging/install-deps.sh [build|test|demo|bench]...   (default: build)
set -euo pipefail

build=(cmake ninja-build g++ pkg-config qt6-base-dev qt6-httpserver-dev qt6-charts-dev
       qt6-websockets-dev zlib1g-dev help2man librsvg2-bin)
test=(libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev prometheus
      xvfb xauth openssl dpkg-dev lintian file systemd etcd-server)
demo=(xvfb xauth)
bench=(wrk nginx curl python3) # bench/proxy-vs-nginx.sh; not needed by the tests

wanted=()
for what in "${@:-build}"; do
  case "$what" in
    build) wanted+=("${build[@]}") ;;
    test) wanted+=("${build[@]}" "${test[@]}") ;;
    demo) wanted+=("${build[@]}" "${demo[@]}") ;;
    bench) wanted+=("${build[@]}" "${bench[@]}") ;;
    *) echo "install-deps: unknown set '$what' (build|test|demo|bench)" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
