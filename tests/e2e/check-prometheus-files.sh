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
# The same with its commented `authorization:` blocks switched on.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo token >"$scratch/token"
cp "$dir/lmcache-fleet-rules.yml" "$scratch/"
sed -E -e 's/^( *)# (authorization:|  type: Bearer|  credentials_file: )/\1\2/' \
    -e "s#/etc/prometheus/lmcache-fleet.token#$scratch/token#" \
    "$dir/prometheus.yml" >"$scratch/prometheus.yml"
grep -q '^ *authorization:' "$scratch/prometheus.yml"
promtool check config "$scratch/prometheus.yml"
promtool check rules "$dir/lmcache-fleet-rules.yml"
cd "$dir" && promtool test rules lmcache-fleet-rules.test.yml
