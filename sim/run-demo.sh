#!/usr/bin/env bash
# The demo: builds, then starts the daemon and simulated nodes on loopback (a later step adds the GUI).
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh demo
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --parallel "$(nproc)"
echo "demo: the programs are built in build/; the full demo arrives with the desktop app."
