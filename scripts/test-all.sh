#!/usr/bin/env bash
# npm test: every test. Unit and property tests, integration tests on the embedded PostgreSQL
# (PGlite; set TEST_DATABASE_URL to run them on a PostgreSQL server instead), then the production
# build and the end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m▶ %s\033[0m\n' "$*"; }

# The end-to-end tests need Debian's Chromium and poppler (pdftotext reads generated PDFs back).
missing=()
command -v "${CHROMIUM_PATH:-chromium}" >/dev/null || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if ((${#missing[@]})); then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		step "Debian-pakketten installeren: ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "${missing[@]}"; }
	else
		echo "Nodig voor de tests: ${missing[*]} (bijvoorbeeld: sudo apt-get install -y ${missing[*]})" >&2
		exit 1
	fi
fi

step "unit- en eigenschapstests"
npx vitest run --project unit

step "integratietests ($([ -n "${TEST_DATABASE_URL:-}" ] && echo PostgreSQL || echo PGlite))"
npx vitest run --project integration

step "productiebuild"
npx react-router build

step "fuzz: 300 gegenereerde invoeren tegen de productieserver (npm run fuzz doet er 10.000)"
FUZZ_RUNS=300 FUZZ_SECONDS=180 FUZZ_PORT="${FUZZ_PORT:-3290}" npx tsx bench/fuzz.ts

step "end-to-endtests in Chromium"
npx playwright test
