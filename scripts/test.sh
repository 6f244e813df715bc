#!/usr/bin/env bash
# `npm test`: everything a fresh clone needs, then every check and test.
# Installs dependencies when node_modules is missing or older than the lockfile,
# builds (the CLI runs from dist/), then lint, import rules, types and vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 # no telemetry notice in test output

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "test: installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

echo "test: build";      npx turbo run build --output-logs=errors-only
echo "test: lint";       npx biome check .
echo "test: imports";    npx depcruise packages apps e2e faults --config .dependency-cruiser.cjs
echo "test: types";      npx tsc -p tsconfig.json
echo "test: vitest"
report=$(mktemp)
status=0
npx vitest run --project unit --project services --reporter=default --reporter=json --outputFile="$report" "$@" || status=$?
# One plain closing line for CI: "vitest: N passed, N failed, N skipped".
summary='const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${process.argv[2]}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);'
node -e "$summary" "$report" vitest || true
# The fault suite (faults/, npm run test:faults) after the rest: it kills and restarts processes
# and servers of its own, one file at a time (README.md, "The fault suite"). Skipped when
# arguments chose what to run.
if [ $# -eq 0 ]; then
  echo "test: faults"
  npx vitest run --project faults --reporter=default --reporter=json --outputFile="$report" || status=$?
  node -e "$summary" "$report" faults || true
fi
rm -f "$report"
exit "$status"
