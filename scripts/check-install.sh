#!/usr/bin/env bash
# The install a newcomer runs must be clean (README "Run it"): the lockfile is exactly what
# `npm install` writes, no override is ranged (npm validates a ranged override against the newest
# published version, so such a lockfile breaks `npm ci` the day a matching version comes out), and
# npm resolves every peer dependency without overriding one (ERESOLVE). Only the documented
# EBADENGINE lines may remain.
set -euo pipefail
cd "$(dirname "$0")/.."

node -e '
  const o = require("./package.json").overrides ?? {};
  const ranged = Object.entries(o).filter(([, v]) => typeof v !== "string" || !/^\d+\.\d+\.\d+$/.test(v));
  if (ranged.length) {
    console.error(`package.json: overrides must be exact versions, not ${ranged.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ")}`);
    process.exit(1);
  }'

before=$(mktemp)
log=$(mktemp)
trap 'rm -f "$before" "$log"' EXIT
cp package-lock.json "$before"
npm install --package-lock-only --ignore-scripts --no-audit --no-fund >"$log" 2>&1 || { cat "$log"; exit 1; }
if ! cmp -s package-lock.json "$before"; then
  { diff <(grep -n . "$before") <(grep -n . package-lock.json) || true; } | sed -n 1,40p
  cp "$before" package-lock.json
  echo "package-lock.json is not what npm install writes: run npm install and commit the lockfile." >&2
  exit 1
fi
if grep -q ERESOLVE "$log"; then
  grep -A12 ERESOLVE "$log" | sed -n 1,40p
  echo "npm install overrides peer dependencies (ERESOLVE): align the versions above." >&2
  exit 1
fi
echo "install: lockfile in step, no ranged override, no ERESOLVE"
