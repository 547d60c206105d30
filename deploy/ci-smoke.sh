#!/usr/bin/env bash
# CI's container check: podman from Debian, an offline Debian base, the images built, then deploy/smoke.py
# (compose up, one turn rendered by a worker container, down). A host whose kernel cannot run a container at all
# is reported and skipped; any failure after that fails CI.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for tool in podman mmdebstrap runc; do command -v "$tool" >/dev/null 2>&1 || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" uidmap >/dev/null
fi
# runc and cgroupfs: crun and the systemd cgroup manager fail on hosts with hybrid cgroups and no systemd;
# no default ulimits: raising RLIMIT_NOFILE is refused in some sandboxes. Only written where none exists.
if [ ! -e /etc/containers/containers.conf ]; then
  mkdir -p /etc/containers
  printf '[containers]\ndefault_ulimits = []\n[engine]\ncgroup_manager = "cgroupfs"\nruntime = "runc"\nevents_logger = "file"\n' \
    > /etc/containers/containers.conf
fi
tools="${TMPDIR:-/tmp}/interview-avatar-compose"
[ -x "$tools/bin/podman-compose" ] || { python3 -m venv "$tools" && "$tools/bin/pip" install --quiet 'podman-compose>=1.6,<2'; }
base="localhost/debian-python:bookworm"
if ! podman image exists "$base"; then
  CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt deploy/offline-base.sh "$base"
fi
if ! probe=$(podman run --rm --network host "$base" true 2>&1); then
  echo "container smoke skipped: podman cannot start a container on this host: $probe"
  exit 0
fi
PODMAN_COMPOSE="$tools/bin/podman-compose" timeout 1200 python3 deploy/smoke.py --build
