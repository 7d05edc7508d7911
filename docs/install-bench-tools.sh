#!/usr/bin/env bash
# wrk and nginx-light from Debian for `make bench`; installs what is missing.
set -euo pipefail
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx-light)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "make bench needs: ${need[*]} (apt-get install as root)." >&2; exit 1; }
  sudo="sudo"
fi
echo "== Installing ${need[*]} for the benchmark"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The package starts nginx on port 80; the benchmark runs its own.
$sudo service nginx stop >/dev/null 2>&1 || $sudo nginx -s quit >/dev/null 2>&1 || true
