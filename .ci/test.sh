#!/usr/bin/env bash
# The whole test suite, with its own set-up: this is the README's test command, and CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

# Packages the tests use: Debian chromium (report tests open reports through Playwright, never a downloaded
# browser), python3 (the snapshot tests read the published snapshot with a second, non-.NET DuckDB client) and
# postgresql (two `rp serve` processes share one Hangfire queue in PostgreSQL) and tzdata (a mapping's time_zone:
# names an IANA zone, which .NET reads from /usr/share/zoneinfo), poppler-utils (pdftotext reads printed reports) and texlive-latex-recommended (pdflatex compiles the paper pack's tables).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
[ -d /usr/share/zoneinfo/America ] || missing+=(tzdata)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils) # the print tests read the PDFs Chromium writes
command -v pdflatex >/dev/null 2>&1 || missing+=(texlive-latex-recommended) # the paper pack's LaTeX tables are compiled
command -v curl >/dev/null 2>&1 || missing+=(curl ca-certificates)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} for the tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# A PostgreSQL cluster for the distributed job-storage tests, and a role that may create their databases.
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
pgversion=$(ls /usr/lib/postgresql | sort -V | tail -1)
if [ "$(id -u)" -eq 0 ]; then pg_ctlcluster "$pgversion" main start 2>/dev/null || true; else sudo pg_ctlcluster "$pgversion" main start 2>/dev/null || true; fi
for _ in $(seq 1 30); do as_postgres "psql -qtAc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
sql=$(mktemp /tmp/rp-pg-XXXXXX.sql)
cat > "$sql" <<'SQL'
do $$ begin
  if not exists (select from pg_roles where rolname = 'rp_test') then
    create role rp_test login createdb password 'rp_test';
  end if;
end $$;
-- Dropping a test database WITH (FORCE) ends the sessions on it, autovacuum's included.
grant pg_signal_backend to rp_test;
SQL
chmod 644 "$sql"
as_postgres "psql -q -f $sql" >/dev/null
rm -f "$sql"
export RP_TEST_PG="Host=127.0.0.1;Port=5432;Username=rp_test;Password=rp_test;Database=postgres"

# axe-core (MPL-2.0) from the npm registry, checked against its hash: the accessibility tests run it in the test browser.
axe_version=4.14.1
axe_sha256=e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745
axe_dir="${XDG_CACHE_HOME:-$HOME/.cache}/researchpipeline/axe-core-$axe_version"
if [ ! -f "$axe_dir/axe.min.js" ]; then
  tgz=$(mktemp /tmp/axe-XXXXXX.tgz)
  curl -sSfL --retry 3 -o "$tgz" "https://registry.npmjs.org/axe-core/-/axe-core-$axe_version.tgz"
  echo "$axe_sha256  $tgz" | sha256sum -c --quiet -
  mkdir -p "$axe_dir"
  tar -xzf "$tgz" -C "$axe_dir" --strip-components=1 package/axe.min.js package/LICENSE
  rm -f "$tgz"
fi
export RP_TEST_AXE="$axe_dir/axe.min.js"

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
