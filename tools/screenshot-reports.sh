#!/usr/bin/env bash
# Screenshots of one report of each kind, to look at: run after `dotnet run --project jobs -- demo` (needs chromium).
# Usage: tools/screenshot-reports.sh [demo-out]   → demo-out/screenshots/*.png
set -euo pipefail
out="${1:-demo-out}"
reports="$out/reports"
mkdir -p "$out/screenshots"
shoot() {
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars \
    --virtual-time-budget=6000 --window-size=1366,3000 --screenshot="$out/screenshots/$2.png" "file://$(realpath "$1")" 2>/dev/null
  echo "$out/screenshots/$2.png"
}
shoot "$(ls "$reports"/partner/*.html | head -1)" partner
shoot "$(ls "$reports"/hub/*.html | head -1)" hub
shoot "$(ls "$reports"/ic/*.html | head -1)" ic
for figure in "$reports"/paper/*/figures/*.html; do shoot "$figure" "paper-$(basename "$figure" .html)"; done
