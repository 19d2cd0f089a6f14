#!/usr/bin/env bash
# npm run bench: every benchmark, one after another (each writes its results next to it in bench/:
# tables in bench/*.md, the same figures as JSON in bench/results/*.json). The register and the
# deadline rush run on embedded PGlite, and again on PostgreSQL when BENCH_DATABASE_URL is set
# (each run makes and drops its own database on that server).
# Run on a quiet machine: the numbers are only comparable with each other and with earlier runs.
set -euo pipefail
cd "$(dirname "$0")/.."
npx react-router build
echo "▶ staff participations table (bench/participations.md)"
npx tsx bench/staff-participations.ts
for database in pglite ${BENCH_DATABASE_URL:+postgresql}; do
	if [ "$database" = pglite ]; then url=""; else url="$BENCH_DATABASE_URL"; fi
	echo "▶ public register under load on $database (bench/register.md)"
	BENCH_DATABASE_URL="$url" npx tsx bench/register.ts
	echo "▶ deadline rush on $database (bench/rush.md)"
	BENCH_DATABASE_URL="$url" npx tsx bench/rush.ts
done
echo "▶ assessment form: requests per round (bench/assessment.md)"
npx tsx bench/assessment.ts
echo "▶ spiegelrapportage under load (bench/spiegelrapportage.md)"
npx tsx bench/spiegelrapportage.ts
