#!/usr/bin/env bash
# Installs the Debian packages that are missing, for one purpose:
#   bash docs/apt-install.sh "the browser tests" chromium:chromium /usr/share/fonts/opentype/noto:fonts-noto-cjk
# Each argument after the purpose is CHECK:PACKAGE, where CHECK is a command or a path that the
# package provides; the package is installed when CHECK is missing. Root or sudo is needed then.
set -euo pipefail
purpose=$1
shift
need=()
for pair in "$@"; do
  check=${pair%%:*} package=${pair#*:}
  if [[ $check == /* ]]; then [ -e "$check" ] || need+=("$package")
  else command -v "$check" >/dev/null || need+=("$package"); fi
done
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Missing for $purpose: ${need[*]} (apt-get install as root)." >&2; exit 1; }
  sudo="sudo"
fi
echo "== Installing ${need[*]} for $purpose"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
if [[ " ${need[*]} " == *" nginx-light "* ]]; then
  # The package starts nginx on port 80; the benchmark runs its own on another port.
  $sudo service nginx stop >/dev/null 2>&1 || $sudo nginx -s quit >/dev/null 2>&1 || true
fi
