#!/usr/bin/env bash
# Debian's Chromium and CJK fonts for the browser tests; installs what is missing.
# Playwright drives /usr/bin/chromium (no browser download); without fonts-noto-cjk
# Chinese renders as boxes in screenshots.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Browser tests need: ${need[*]} (apt-get install as root)." >&2; exit 1; }
  sudo="sudo"
fi
echo "== Installing ${need[*]} for the browser tests"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
