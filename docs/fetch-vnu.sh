#!/usr/bin/env bash
# The Nu Html Checker (the W3C's validator, vnu.jar) for tests/test_html_validity.py, from the npm
# registry's vnu-jar package (pinned), into .venv/vnu/. Needs Java (Debian: default-jre-headless).
set -euo pipefail
VERSION=26.9.27
DEST="$(dirname "$0")/../.venv/vnu"
[ -f "$DEST/vnu-$VERSION.jar" ] && exit 0
command -v java >/dev/null || bash "$(dirname "$0")/apt-install.sh" "the HTML check" java:default-jre-headless
mkdir -p "$DEST"
tmp="$(mktemp -d)"
(cd "$tmp" && npm pack --silent "vnu-jar@$VERSION" >/dev/null && tar xzf "vnu-jar-$VERSION.tgz")
cp "$tmp/package/build/dist/vnu.jar" "$DEST/vnu-$VERSION.jar"
rm -rf "$tmp"
