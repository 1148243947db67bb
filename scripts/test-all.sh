#!/usr/bin/env bash
# Every test layer, in order; a failing layer does not hide the others' results.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
run() { echo; echo "▶ $*"; "$@" || status=1; }
run npx vitest run --project unit
run npx vitest run --project server
run env VAULTSHARE_TEST_HOOK=1 npx wxt build
run env VAULTSHARE_TEST_HOOK=1 npx wxt build -b firefox
run scripts/ensure-chromium.sh
run scripts/ensure-firefox.sh
run npx vitest run --project e2e
exit $status
