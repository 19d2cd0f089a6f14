// Benchmark of the assessment form (issue 12 §2, "Done when"): assessing a 19-criterion round takes
// at most 2 requests for the verdicts (it took 19 "Oordeel x.y opslaan" posts before). ROUNDS
// submitted rounds on a fresh database (embedded PGlite, or BENCH_DATABASE_URL), the production
// server on it, and per round what the assessor's browser sends: the page (GET), then the form with
// two insufficient verdicts and their feedback and "Alle overige voldoende" — one POST, exactly
// as the form posts without JavaScript (with JavaScript the button fills the radios in the page and
// "Beoordeling opslaan" posts the same fields: also one POST). The bench counts the POSTs, checks in
// the database that every round then holds 19 verdicts, and times each request. Autosaved drafts
// (POST …/concept, only while typing) hold no verdicts and are not counted.
// Writes bench/assessment.md and bench/results/assessment-<database>.json.
// Run: npx react-router build && npx tsx bench/assessment.ts
import { writeFile } from 'node:fs/promises'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { closeDatabase, db, initDatabase } from '#app/lib/db.server.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { createSubmittedParticipation } from '#app/lib/test-fixtures/staff.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { loadAssessment } from '#app/services/assessment.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { sessionCookieFor } from '#test/fixtures/requests.ts'
import { machine, openBenchDatabase, percentile, rssMb, startServer, writeResult } from './lib.ts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20)
const YEAR = 2040
const PORT = Number(process.env.BENCH_PORT ?? 3290)

const database = await openBenchDatabase('assessment')
const seedStart = performance.now()
await ensureMarkYear(YEAR)
const participations: string[] = []
for (let index = 0; index < ROUNDS; index++) {
	const { provider } = await createProviderWithMember({ providerName: `Praktijk Beoordeling ${index + 1}` })
	participations.push(await createSubmittedParticipation({ year: YEAR, providerId: provider.id }))
}
setClock(null)
const assessor = await createUser({ staffRole: 'assessor', name: 'Bench Beoordelaar' })
const cookie = await sessionCookieFor(assessor.id)
const first = await loadAssessment(participations[0]!, 1)
if (!first) throw new Error('Geen ronde')
const criteria = first.outcome.toAssess
const keyOf = new Map(criteria.map((ref) => [ref.code, ref.key]))
const seedSeconds = (performance.now() - seedStart) / 1000
await closeDatabase()

/** The fields the form posts: two exceptions with feedback, the rest by "Alle overige voldoende". */
function formFields(): URLSearchParams {
	const body = new URLSearchParams({ intent: 'rest-sufficient', version: '0' })
	for (const code of ['2.3', '4.2']) {
		body.append(`verdict-${keyOf.get(code)}`, 'insufficient')
		body.append(`feedback-${keyOf.get(code)}`, `Werk ${code} concreter uit: wat doet u en wanneer?`)
	}
	body.append('message', 'Een verzorgde zelfevaluatie; twee punten vragen aanvulling.')
	body.append('notes', 'Intern: bellen over 4.2.')
	return body
}

const server = await startServer(database, PORT, {
	KEURMERK_NOW: amsterdamInstant(`${YEAR}-02-20`, { hour: 10 }).toISOString(),
	KEURMERK_ALLOW_CLOCK_OVERRIDE: '1',
})
const base = server.base
const pageTimes: number[] = []
const postTimes: number[] = []
let posts = 0
let errors = 0
let maxRss = 0
let pageSeconds = 0
let postSeconds = 0
try {
	for (const participationId of participations) {
		const url = `${base}/medewerkers/deelnames/${participationId}/beoordeling/1`
		let started = performance.now()
		const page = await fetch(url, { headers: { cookie } })
		await page.text()
		pageTimes.push(performance.now() - started)
		pageSeconds += (performance.now() - started) / 1000
		if (!page.ok) errors++
		started = performance.now()
		const saved = await fetch(url, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
			body: formFields(),
		})
		await saved.text()
		posts++
		postTimes.push(performance.now() - started)
		postSeconds += (performance.now() - started) / 1000
		if (saved.status !== 302) errors++
		maxRss = Math.max(maxRss, rssMb(server.process.pid))
	}
} finally {
	await server.stop()
}

// Every round now holds a verdict for each of its criteria: two insufficient, the rest sufficient.
await initDatabase({ databaseUrl: database.databaseUrl, pgliteDataDir: database.pgliteDataDir })
const verdicts = await db.criterionAssessment.groupBy({
	by: ['verdict'],
	where: { round: { participationId: { in: participations } } },
	_count: { _all: true },
})
await database.dispose()
const counted = Object.fromEntries(verdicts.map((row) => [row.verdict, row._count._all]))
const complete = (counted.sufficient ?? 0) + (counted.insufficient ?? 0) === ROUNDS * criteria.length
const requestsPerRound = posts / ROUNDS

pageTimes.sort((a, b) => a - b)
postTimes.sort((a, b) => a - b)
const stats = (times: number[], seconds: number) => ({
	rps: seconds > 0 ? Math.round(times.length / seconds) : 0,
	p50: percentile(times, 0.5),
	p95: percentile(times, 0.95),
	p99: percentile(times, 0.99),
})
const result = {
	bench: 'assessment',
	database: database.kind,
	date: new Date().toISOString(),
	// The page itself, as the baseline this form's save is compared with.
	trivial: stats(pageTimes, pageSeconds),
	cases: [
		{
			name: `save the assessment of a ${criteria.length}-criterion round (two insufficient, the rest "alle overige voldoende")`,
			url: '/medewerkers/deelnames/:id/beoordeling/:round',
			...stats(postTimes, postSeconds),
			errors,
		},
	],
	rssMb: maxRss,
	requests: requestsPerRound,
	rounds: ROUNDS,
	criteria: criteria.length,
	verdicts: counted,
	complete,
	seedSeconds: Number(seedSeconds.toFixed(1)),
	machine: machine(),
}
console.log(JSON.stringify(result, null, '\t'))
await writeResult('assessment', database.kind, result)

const verdict = (ok: boolean) => (ok ? 'yes' : '**no**')
await writeFile(
	new URL('./assessment.md', import.meta.url),
	`# Assessment form: requests per round

Issue 12 asks that assessing a ${criteria.length}-criterion round takes at most 2 requests for the verdicts
(before the one-page form it took ${criteria.length}: one "Oordeel x.y opslaan" per criterion). \`bench/assessment.ts\`
submits ${ROUNDS} rounds of the ${YEAR} norms (the 2022 set, ${criteria.length} criteria to assess) on a fresh
${database.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'} database, starts the production server and, per round, sends what
the assessor's browser sends: the page (GET), then the form with two criteria insufficient (with
feedback) and "Alle overige voldoende" for the rest — one POST. Without JavaScript that button is
the submit; with JavaScript it fills the radio buttons in the page and "Beoordeling opslaan" posts
the same fields. Autosaved drafts (\`…/concept\`, only while the assessor types) hold no verdicts
and are not counted. Afterwards the bench counts the stored verdicts in the database.

Measured ${result.date} on ${result.machine}; seeding took ${result.seedSeconds} s.

| what | value | goal | met |
| --- | --- | --- | --- |
| requests for the verdicts of one round | ${requestsPerRound} | ≤ 2 | ${verdict(requestsPerRound <= 2)} |
| verdicts stored | ${counted.sufficient ?? 0} sufficient, ${counted.insufficient ?? 0} insufficient (${ROUNDS} × ${criteria.length}) | all | ${verdict(complete)} |
| errors | ${errors} | 0 | ${verdict(errors === 0)} |

| request | n | p50 ms | p95 ms | p99 ms |
| --- | --- | --- | --- | --- |
| GET the assessment page | ${pageTimes.length} | ${result.trivial.p50} | ${result.trivial.p95} | ${result.trivial.p99} |
| POST the form (all ${criteria.length} verdicts, message, notes) | ${postTimes.length} | ${result.cases[0]!.p50} | ${result.cases[0]!.p95} | ${result.cases[0]!.p99} |

Server memory (resident) at most ${maxRss} MB. Requests are sent one after another (one assessor);
the times are for comparing runs on the same machine, not a load test. The figures are also in
\`bench/results/assessment-${database.kind}.json\`.
`,
)
