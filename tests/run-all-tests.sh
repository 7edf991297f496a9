#!/usr/bin/env bash
# The one test command: installs what it needs, builds everything, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/install-deps.sh test
build_dir="${LMCF_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON \
  -DCMAKE_INSTALL_PREFIX=/usr
cmake --build "$build_dir" --parallel "$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" --timeout 600

# The installers: .deb and .tar.gz built, unpacked, run, linted.
packaging/check-packages.sh "$build_dir"

# Bounded fuzzing of every parser with sanitizers (its own clang build).
if [ -x tests/fuzz/run-fuzzers.sh ]; then
  tests/fuzz/run-fuzzers.sh
fi
