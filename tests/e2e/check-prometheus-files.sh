#!/bin/sh
# The shipped Prometheus files (packaging/prometheus/) pass promtool: configuration, rules and
# the rules' unit tests. Exit 77 (skipped) when promtool is not installed.
set -eu
dir=${1:?usage: check-prometheus-files.sh PACKAGING_PROMETHEUS_DIR}
if ! command -v promtool >/dev/null 2>&1; then
    echo "promtool is not installed (Debian package prometheus): skipped"
    exit 77
fi
promtool check config "$dir/prometheus.yml"
promtool check rules "$dir/lmcache-fleet-rules.yml"
cd "$dir" && promtool test rules lmcache-fleet-rules.test.yml
