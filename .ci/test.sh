#!/usr/bin/env bash
# The whole test suite, with its own set-up: this is the README's test command, and CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

# Packages the tests use: Debian chromium (report tests open reports through Playwright, never a downloaded
# browser) and python3 (the snapshot tests read the published snapshot with a second, non-.NET DuckDB client).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} for the tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
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
