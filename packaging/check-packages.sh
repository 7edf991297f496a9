#!/usr/bin/env bash
# Builds the packages from an existing build tree and checks them as an installer would see them:
# contents, every binary runs (--version, --help) from an unpacked root, lintian, the systemd
# unit, and the man pages against --help.   Usage: packaging/check-packages.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="$(realpath "${1:-build}")"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
fail() { echo "check-packages: $*" >&2; exit 1; }

generators="DEB;TGZ"
command -v rpmbuild >/dev/null && generators="$generators;RPM"
(cd "$build_dir" && rm -f ./*.deb ./*.tar.gz ./*.rpm && cpack -G "$generators" >"$scratch/cpack.log" 2>&1) \
  || { cat "$scratch/cpack.log"; fail "cpack failed"; }

declare -A expected=(
  [lmcache-fleetd]="usr/bin/lmcache-fleetd usr/lib/systemd/system/lmcache-fleetd.service etc/lmcache-fleet/lmcache-fleetd.conf usr/share/man/man8/lmcache-fleetd.8.gz usr/share/lmcache-fleet/prometheus/prometheus.yml usr/share/lmcache-fleet/prometheus/lmcache-fleet-rules.yml usr/share/lmcache-fleet/prometheus/lmcache-fleet-rules.test.yml usr/share/lmcache-fleet/plugins/scheduler_lmcache_fleet_plugin.sh"
  [lmcache-heartbeat]="usr/bin/lmcache-heartbeat usr/share/man/man1/lmcache-heartbeat.1.gz usr/share/lmcache-fleet/plugins/lmcache_mp_fleet_plugin.sh"
  [lmcache-fleet-sim]="usr/bin/lmcache-fleet-sim usr/share/man/man1/lmcache-fleet-sim.1.gz"
  [lmcache-fleet]="usr/bin/lmcache-fleet usr/share/applications/org.lmcache.Fleet.desktop usr/share/metainfo/org.lmcache.Fleet.metainfo.xml usr/share/icons/hicolor/scalable/apps/lmcache-fleet.svg usr/share/icons/hicolor/48x48/apps/lmcache-fleet.png usr/share/man/man1/lmcache-fleet.1.gz"
)
version=$(sed -n 's/^project(LMCacheFleet VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)

for package in "${!expected[@]}"; do
  deb="$build_dir/${package}_${version}_$(dpkg --print-architecture).deb"
  [ -f "$deb" ] || fail "missing package $deb"
  listing=$(dpkg-deb -c "$deb" | awk '{print $6}')
  for file in ${expected[$package]} "usr/share/doc/$package/copyright"; do
    grep -qx "./$file" <<<"$listing" || fail "$package lacks /$file"
  done
  root="$scratch/root-$package"
  dpkg-deb -x "$deb" "$root"
  for binary in "$root"/usr/bin/*; do
    name=$(basename "$binary")
    QT_QPA_PLATFORM=offscreen "$binary" --version | grep -q "$name" || fail "$name --version"
    help=$(QT_QPA_PLATFORM=offscreen "$binary" --help) || fail "$name --help exits non-zero"
    page=$(ls "$root"/usr/share/man/man*/"$name".*.gz)
    # Every long option of --help must be in the man page (help2man made it from --help).
    for option in $(grep -o -- '--[a-z][a-z0-9-]*' <<<"$help" | sort -u); do
      zcat "$page" | sed 's/\\-/-/g' | grep -q -- "$option" || fail "$name man page lacks $option"
    done
  done
  echo "check-packages: $package ok ($(wc -l <<<"$listing") entries, Depends: $(dpkg-deb -f "$deb" Depends))"
done

if command -v promtool >/dev/null; then
  # The shipped Prometheus files, as installed, load (rule_files is relative to the config).
  prom="$scratch/root-lmcache-fleetd/usr/share/lmcache-fleet/prometheus"
  promtool check config "$prom/prometheus.yml" >"$scratch/promtool.log" 2>&1 \
    && (cd "$prom" && promtool test rules lmcache-fleet-rules.test.yml) >>"$scratch/promtool.log" 2>&1 \
    || { cat "$scratch/promtool.log"; fail "promtool rejects the installed Prometheus files"; }
  echo "check-packages: promtool check config / test rules ok"
fi

if command -v lintian >/dev/null; then
  lintian --allow-root --fail-on error,warning --suppress-tags-from-file packaging/debian/lintian-accepted \
    "$build_dir"/*.deb || fail "lintian reported errors or warnings"
  echo "check-packages: lintian clean (errors and warnings)"
fi

if command -v systemd-analyze >/dev/null; then
  # Verify against this machine's systemd, with ExecStart pointing at the unpacked binary.
  unit="$scratch/lmcache-fleetd.service"
  sed "s#/usr/bin/lmcache-fleetd#$scratch/root-lmcache-fleetd/usr/bin/lmcache-fleetd#" \
    "$scratch/root-lmcache-fleetd/usr/lib/systemd/system/lmcache-fleetd.service" >"$unit"
  systemd-analyze verify --man=no "$unit" >"$scratch/verify.log" 2>&1 \
    || { cat "$scratch/verify.log"; fail "systemd-analyze verify failed"; }
  echo "check-packages: systemd-analyze verify ok"
fi

for tarball in "$build_dir"/lmcache-fleet-"$version"-*.tar.gz; do
  listing=$(tar -tzf "$tarball"); grep -q "bin/lmcache-" <<<"$listing" || fail "$(basename "$tarball") holds no program"
done
echo "check-packages: $(ls "$build_dir"/*.deb | wc -l) .deb, $(ls "$build_dir"/*.tar.gz | wc -l) .tar.gz ok"
