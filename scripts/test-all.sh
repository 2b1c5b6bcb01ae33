#!/usr/bin/env bash
# The complete test run (`npm test`): pure rules, the database tests on embedded PGlite and
# again on the PostgreSQL server, then the browser journeys in Chromium. Every stage runs even
# when an earlier one fails, so one run shows everything that is wrong; the exit status is
# non-zero if any stage failed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# Node 24 comes from the `node` devDependency; npm scripts put it first on PATH, and so does this
# when the script is run directly.
export PATH="$root/node_modules/.bin:$PATH"
vitest="$root/node_modules/.bin/vitest"

results=()
failed=0

stage() {
  local name=$1
  shift
  printf '\n==================== %s ====================\n\n' "$name"
  local start=$SECONDS status=0
  "$@" || status=$?
  local took=$((SECONDS - start))
  if [ "$status" -eq 0 ]; then
    results+=("PASS  $name (${took}s)")
  else
    results+=("FAIL  $name (${took}s, exit $status)")
    failed=$((failed + 1))
  fi
}

stage "Unit tests" "$vitest" run --project unit
# The database-down test always uses the PostgreSQL server, so it must be up for this stage too.
stage "Database tests on embedded PGlite" bash -c 'bash scripts/ensure-postgres.sh && RESETTLE_TEST_DB=pglite "$0" run --project db' "$vitest"
stage "Database tests on PostgreSQL" bash -c 'bash scripts/ensure-postgres.sh && RESETTLE_TEST_DB=postgres "$0" run --project db' "$vitest"
# Every measure recomputed from the raw tables by plain SQL written from the definitions and
# compared cell by cell with the query builder, on 3,000 demo people in a fresh embedded PGlite.
stage "Measures recomputed from their definitions (demo data)" node scripts/verify-measures.ts --demo 3000 --today 2026-11-22
stage "Browser tests in Chromium" bash -c 'bash scripts/ensure-chromium.sh && "$0" run --project browser' "$vitest"

printf '\n==================== Summary ====================\n\n'
printf '%s\n' "${results[@]}"
if [ "$failed" -eq 0 ]; then
  printf '\nAll %d test stages passed.\n' "${#results[@]}"
else
  printf '\n%d of %d test stages failed.\n' "$failed" "${#results[@]}"
  exit 1
fi
