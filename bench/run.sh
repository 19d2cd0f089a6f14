#!/usr/bin/env bash
# npm run bench: every benchmark, one after another (each writes its results next to it in bench/).
# Run on a quiet machine: the numbers are only comparable with each other and with earlier runs.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "▶ staff participations table (bench/participations.md)"
npx tsx bench/staff-participations.ts
echo "▶ public register under load (bench/register.md)"
npm run bench:register
echo "▶ spiegelrapportage under load (bench/spiegelrapportage.md)"
npm run bench:spiegelrapportage
