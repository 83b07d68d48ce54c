#!/usr/bin/env bash
# The whole test suite, with its own set-up: this is the README's test command, and CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

# Report tests open reports in the Debian Chromium through Playwright (never a downloaded browser).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian chromium for the browser tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

log=$(mktemp)
status=0
dotnet test ResearchPipeline.sln -c Release 2>&1 | tee "$log" || status=$?
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo
echo "tests: ${passed} passed, ${failed} failed"
rm -f "$log"
if [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
