// Fuzz of every public route and form and the writing forms of signed-in users (issue 15): the
// production server (build/) on a fresh database with the world of the authorization suite
// (test/fixtures/authz-world.ts), and fast-check generating what goes into the URLs and forms —
// control characters, NUL, lone surrogates, unicode, HTML and script payloads, odd numbers, texts
// just under, at and over the length caps, bodies over the 1 MB cap. Every request must answer
// without a server error (5xx or no answer), and no script payload may come back unescaped in an
// HTML page.
//
// npm run fuzz            10,000 inputs (builds first); writes bench/results/fuzz-<database>.json
//                         and docs/security-fuzz.md
// FUZZ_RUNS=300 FUZZ_SECONDS=120 npx tsx bench/fuzz.ts     the small run of CI (writes nothing)
// FUZZ_SEED=… repeats a run; FUZZ_PORT (default 3290); BENCH_DATABASE_URL: on PostgreSQL.
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import fc from 'fast-check'
import { db } from '#app/lib/db.server.ts'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { buildWorld, MOMENT } from '#test/fixtures/authz-world.ts'
import { createUser } from '#test/fixtures/factories.ts'
import { sessionCookieFor } from '#test/fixtures/requests.ts'
import { machine, openBenchDatabase, readResults, row, startServer, writeResult } from './lib.ts'

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000)
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 1800)
const PORT = Number(process.env.FUZZ_PORT ?? 3290)
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const WRITE = RUNS >= 10_000 && process.env.FUZZ_WRITE !== '0'
if (!existsSync('build/server/index.js')) throw new Error('Eerst bouwen: npm run build')

// ── The world, then the server on it ────────────────────────────────────────────────────────
const database = await openBenchDatabase('fuzz')
const world = await buildWorld()
// Writes of a signed-in user are limited per user (240 a minute): a pool of users per kind.
async function pool(count: number, make: () => Promise<{ id: string }>) {
	const cookies: string[] = []
	for (let index = 0; index < count; index++) cookies.push(await sessionCookieFor((await make()).id))
	return cookies
}
const memberOf = (providerId: string) => async () => {
	const user = await createUser()
	await db.membership.create({ data: { userId: user.id, providerId, canSign: true } })
	return user
}
const membersA = await pool(12, memberOf(world.a.provider.id))
const membersB = await pool(12, memberOf(world.b.provider.id))
const admins = await pool(6, () => createUser({ staffRole: 'admin' }))
const loaded = await loadNormSet(world.year)
if (!loaded) throw new Error('Geen normen')
const firstNorm = loaded.normSet.themes[0]!.norms[0]!
const evidenceKeys = firstNorm.criteria.flatMap((criterion) => criterion.evidence.map((item) => item.key))
const indicatorCodes = (await db.indicator.findMany({ where: { indicatorSet: { year: world.year - 1 } } })).map(
	(indicator) => indicator.code,
)
const { closeDatabase } = await import('#app/lib/db.server.ts')
await closeDatabase()
const server = await startServer(database, PORT, {
	KEURMERK_NOW: MOMENT.toISOString(),
	KEURMERK_ALLOW_CLOCK_OVERRIDE: '1',
	KEURMERK_ADMIN_2FA: 'optional',
	LOG_LEVEL: 'error',
})

// ── What goes in ────────────────────────────────────────────────────────────────────────────
/** Script payloads: none of them may ever come back as they are in an HTML page. */
const scripts = [
	'<script>kpfuzz(1)</script>',
	'"><script>kpfuzz(2)</script>',
	"'><img src=x onerror=kpfuzz(3)>",
	'<svg/onload=kpfuzz(4)>',
	'</textarea><script>kpfuzz(5)</script>',
	'<iframe src="javascript:kpfuzz(6)">',
	'</script><script>kpfuzz(7)</script>',
]
const odd = [
	'\u0000',
	'a\u0000b',
	'\u0007\u0008\u000b\u000c\u001b[31m',
	'\u007f\u0085\u009b',
	'\u202e\u200b\ufeff',
	'\ud800',
	'\udfff\ud800',
	'%00',
	'%0d%0aSet-Cookie:%20x=1',
	'\r\n\r\nX-Injected: 1',
	'../../../../etc/passwd',
	"' OR '1'='1' --",
	'{{7*7}}${7*7}',
	'__proto__',
	'constructor',
	'😀👩🏽‍⚕️🇳🇱',
	'Ǳ̸̡̛̙̙̬̗͈ͅ',
	'ﷺ'.repeat(50),
	'/\t/evil.example',
	'//evil.example/',
	'https://evil.example/',
]
const numbers = [
	'0',
	'-0',
	'-1',
	'1e309',
	'-1e309',
	'NaN',
	'Infinity',
	'0x1F',
	'1,5',
	'1.000.000,00',
	'9'.repeat(400),
	'2147483648',
	'9007199254740993',
	'0.1e-400',
	' 12 ',
]
/** Lengths just under, at and over the caps the forms use. */
const caps = [40, 64, 200, 201, 1000, 1001, 5000, 5001, 10_000, 10_001, 20_000, 20_001, 100_000]

const text: fc.Arbitrary<string> = fc.oneof(
	{ arbitrary: fc.string({ maxLength: 60 }), weight: 3 },
	{ arbitrary: fc.string({ unit: 'binary', maxLength: 80 }), weight: 3 },
	{ arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
	{ arbitrary: fc.constantFrom(...scripts), weight: 4 },
	{ arbitrary: fc.constantFrom(...odd), weight: 3 },
	{ arbitrary: fc.constantFrom(...numbers), weight: 2 },
	{ arbitrary: fc.integer().map(String), weight: 1 },
	{ arbitrary: fc.double().map(String), weight: 1 },
	{
		arbitrary: fc
			.tuple(fc.constantFrom(...caps), fc.constantFrom('x', 'é', '😀', '\u0000', 'a<'))
			.map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)),
		weight: 1,
	},
	{
		arbitrary: fc
			.tuple(fc.constantFrom(...scripts), fc.constantFrom(...caps))
			.map(([payload, length]) => `${'a'.repeat(length)}${payload}`),
		weight: 1,
	},
)
/** Now and then a body over the 1 MB cap (must be a 413, not a crash). */
const body = fc.oneof({ arbitrary: text, weight: 300 }, { arbitrary: fc.constant('y'.repeat(1_100_000)), weight: 1 })

type Who = 'anonymous' | 'memberA' | 'memberB' | 'admin'
interface Target {
	name: string
	who: Who
	method: 'GET' | 'POST'
	/** The path (may hold fuzzed segments) and the fields (query for GET, form for POST). */
	input: fc.Arbitrary<{ path: string; fields: Record<string, string> }>
}
const seg = (value: string) => encodeURIComponent((value as string & { toWellFormed(): string }).toWellFormed())
/** Percent-escapes that decode to nothing valid (sent as they are). */
const rawSegments = ['%ff', '%C0%AF', '%00', '%2e%2e%2f', '%', '%zz', '%E2%82', '%ED%A0%80', '..%2f..%2f']
const fields = (names: string[], fixed: Record<string, string> = {}, intents: string[] = []) =>
	fc
		.tuple(
			fc.record(Object.fromEntries(names.map((name) => [name, body])) as Record<string, fc.Arbitrary<string>>, {
				requiredKeys: [],
			}),
			// Mostly a real intent, so the fuzzed fields reach the form's own parsing.
			intents.length ? fc.oneof(fc.constantFrom(...intents), text) : fc.constant(undefined),
		)
		.map(
			([values, intent]) =>
				({ ...fixed, ...values, ...(intent === undefined ? {} : { intent }) }) as Record<string, string>,
		)
const at = (path: string, input: fc.Arbitrary<Record<string, string>>) =>
	input.map((values) => ({ path, fields: values }))

const A = `/aanbieder/${world.a.provider.id}`
const B = `/aanbieder/${world.b.provider.id}`
const application = [
	'name',
	'type',
	'agbCode',
	'street',
	'houseNumber',
	'postcode',
	'city',
	'website',
	'email',
	'phone',
	'offersChronicEchelon',
	'kvkNumber',
	'contactName',
	'contactFunction',
	'contactEmail',
	'markHistory',
	'withdrawalExplanation',
]
const profile = [...application.slice(0, 11), 'version']
const answerFields = evidenceKeys.flatMap((key) => [
	`${key}:text`,
	`${key}:url`,
	`${key}:number`,
	`${key}:checked`,
	`${key}:declared`,
	`${key}:version`,
])

const targets: Target[] = [
	// Public pages and files
	{ name: 'GET /', who: 'anonymous', method: 'GET', input: at('/', fields(['q'])) },
	{
		name: 'GET /register',
		who: 'anonymous',
		method: 'GET',
		input: at('/register', fields(['q', 'plaats', 'type', 'provincie', 'jaar', 'pagina', 'sorteer', 'chronisch'])),
	},
	{
		name: 'GET /register/:slug',
		who: 'anonymous',
		method: 'GET',
		input: text.map((slug) => ({ path: `/register/${seg(slug)}`, fields: {} })),
	},
	{
		name: 'GET /register/:slug/badge.svg',
		who: 'anonymous',
		method: 'GET',
		input: text.map((slug) => ({ path: `/register/${seg(slug)}/badge.svg`, fields: {} })),
	},
	{ name: 'GET /verifieer', who: 'anonymous', method: 'GET', input: at('/verifieer', fields(['nummer'])) },
	{
		name: 'GET /verifieer/:number',
		who: 'anonymous',
		method: 'GET',
		input: text.map((number) => ({ path: `/verifieer/${seg(number)}`, fields: {} })),
	},
	{
		name: 'GET /normen/:year',
		who: 'anonymous',
		method: 'GET',
		input: text.map((year) => ({ path: `/normen/${seg(year)}`, fields: {} })),
	},
	{
		name: 'GET /normen/:year/wijzigingen',
		who: 'anonymous',
		method: 'GET',
		input: text.map((year) => ({ path: `/normen/${seg(year)}/wijzigingen`, fields: {} })),
	},
	...['register.json', 'register.csv', 'spiegelrapportage.json', 'spiegelrapportage.csv'].map((file): Target => ({
		name: `GET /open-data/v1/${file}`,
		who: 'anonymous',
		method: 'GET',
		input: at(`/open-data/v1/${file}`, fields(['jaar', 'type', 'groep'])),
	})),
	{
		name: 'GET /agenda/:token.ics',
		who: 'anonymous',
		method: 'GET',
		input: text.map((token) => ({ path: `/agenda/${seg(token)}.ics`, fields: {} })),
	},
	{
		name: 'GET /consultatie/:year',
		who: 'anonymous',
		method: 'GET',
		input: text.map((year) => ({ path: `/consultatie/${seg(year)}`, fields: {} })),
	},
	{
		name: 'GET /consultatie/:year/norm/:normKey',
		who: 'anonymous',
		method: 'GET',
		input: text.map((key) => ({ path: `/consultatie/${world.b.consultationYear}/norm/${seg(key)}`, fields: {} })),
	},
	{ name: 'GET /inloggen', who: 'anonymous', method: 'GET', input: at('/inloggen', fields(['redirectTo'])) },
	{
		name: 'GET /wachtwoord-herstellen/:token',
		who: 'anonymous',
		method: 'GET',
		input: text.map((token) => ({ path: `/wachtwoord-herstellen/${seg(token)}`, fields: {} })),
	},
	{
		name: 'GET /uitnodiging/:token',
		who: 'anonymous',
		method: 'GET',
		input: text.map((token) => ({ path: `/uitnodiging/${seg(token)}`, fields: {} })),
	},
	{
		name: 'GET raw percent-escapes in paths',
		who: 'anonymous',
		method: 'GET',
		input: fc
			.tuple(
				fc.constantFrom(
					'/register/',
					'/verifieer/',
					'/normen/',
					'/consultatie/',
					'/agenda/',
					'/wachtwoord-herstellen/',
					`${B}/`,
					'/',
				),
				fc.constantFrom(...rawSegments),
			)
			.map(([prefix, raw]) => ({ path: `${prefix}${raw}`, fields: {} })),
	},
	{
		name: 'GET /onbekend/*',
		who: 'anonymous',
		method: 'GET',
		input: text.map((rest) => ({ path: `/${seg(rest)}/${seg(rest)}`, fields: {} })),
	},
	// Public forms
	{ name: 'POST /aanmelden', who: 'anonymous', method: 'POST', input: at('/aanmelden', fields(application)) },
	{
		name: 'POST /inloggen',
		who: 'anonymous',
		method: 'POST',
		input: at('/inloggen', fields(['email', 'password', 'redirectTo'])),
	},
	{
		name: 'POST /wachtwoord-vergeten',
		who: 'anonymous',
		method: 'POST',
		input: at('/wachtwoord-vergeten', fields(['email'])),
	},
	{
		name: 'POST /wachtwoord-herstellen/:token',
		who: 'anonymous',
		method: 'POST',
		input: fc
			.tuple(text, fields(['password', 'confirm']))
			.map(([token, values]) => ({ path: `/wachtwoord-herstellen/${seg(token)}`, fields: values })),
	},
	{
		name: 'POST /uitnodiging/:token',
		who: 'anonymous',
		method: 'POST',
		input: fc
			.tuple(text, fields(['name', 'password', 'confirm']))
			.map(([token, values]) => ({ path: `/uitnodiging/${seg(token)}`, fields: values })),
	},
	{
		name: 'POST /taal',
		who: 'anonymous',
		method: 'POST',
		input: at('/taal', fields(['lang', 'locale', 'redirectTo'])),
	},
	{
		name: 'POST /consultatie/:year/aanmelden',
		who: 'anonymous',
		method: 'POST',
		input: at(
			`/consultatie/${world.b.consultationYear}/aanmelden`,
			fields(['name', 'email', 'organisationName', 'website']),
		),
	},
	// Writing forms of signed-in users
	{
		name: 'POST …/zelfevaluatie/:year/antwoord (autosave)',
		who: 'memberA',
		method: 'POST',
		input: fc
			.tuple(fc.constantFrom(...evidenceKeys), fields(['text', 'url', 'number', 'checked', 'declared', 'version']))
			.map(([key, values]) => ({
				path: `${A}/zelfevaluatie/${world.year}/antwoord`,
				fields: {
					evidenceKey: key,
					...Object.fromEntries(Object.entries(values).map(([name, value]) => [`${key}:${name}`, value])),
				},
			})),
	},
	{
		name: 'POST …/zelfevaluatie/:year/norm/:normCode',
		who: 'memberA',
		method: 'POST',
		input: at(
			`${A}/zelfevaluatie/${world.year}/norm/${firstNorm.code}`,
			fields(answerFields, {}, ['save', 'save-next', 'save-check', 'remove']),
		),
	},
	{ name: 'POST …/gegevens (profile)', who: 'memberB', method: 'POST', input: at(`${B}/gegevens`, fields(profile)) },
	{
		name: 'POST …/team (invite)',
		who: 'memberB',
		method: 'POST',
		input: at(`${B}/team`, fields(['name', 'email', 'jobTitle', 'canSign', 'membershipId'], { intent: 'invite' })),
	},
	{
		name: 'POST …/kennisnetwerk',
		who: 'memberB',
		method: 'POST',
		input: at(
			`${B}/kennisnetwerk`,
			fields(
				[
					'contactUserId',
					'shareLearn',
					'toProviderId',
					'theme',
					'direction',
					'message',
					'requestId',
					'accept',
					'answerMessage',
				],
				{},
				['opt_in', 'request', 'answer'],
			),
		),
	},
	{
		name: 'POST …/toezeggingen (follow-ups)',
		who: 'memberB',
		method: 'POST',
		input: at(`${B}/toezeggingen`, fields(['deliver', 'number', 'text'], { followUpId: world.b.followUpId })),
	},
	{
		name: 'POST …/omzet (turnover)',
		who: 'memberB',
		method: 'POST',
		input: at(`${B}/omzet`, fields(['amount'], { participationId: world.b.earlierParticipationId })),
	},
	{
		name: 'POST …/spiegelrapportage/:year/waarde (autosave)',
		who: 'memberB',
		method: 'POST',
		input: fc.tuple(fc.constantFrom(...indicatorCodes), body, body).map(([code, value, version]) => ({
			path: `${B}/spiegelrapportage/${world.year - 1}/waarde`,
			fields: { evidenceKey: code, [`${code}:number`]: value, [`${code}:version`]: version },
		})),
	},
	{
		name: 'POST …/spiegelrapportage/:year/aanleveren',
		who: 'memberB',
		method: 'POST',
		input: at(
			`${B}/spiegelrapportage/${world.year - 1}/aanleveren`,
			fields(
				indicatorCodes.flatMap((code) => [`${code}:number`, `${code}:version`]),
				{},
				['save', 'submit'],
			),
		),
	},
	{
		name: 'POST /consultatie/:year (reaction)',
		who: 'memberB',
		method: 'POST',
		input: at(
			`/consultatie/${world.b.consultationYear}`,
			fields(['text', 'version', 'organisationName'], { party: `provider:${world.b.provider.id}` }, ['save', 'send']),
		),
	},
	{
		name: 'POST /account',
		who: 'memberB',
		method: 'POST',
		input: at(
			'/account',
			fields(['name', 'locale', 'currentPassword', 'password', 'confirm'], {}, ['password', 'language']),
		),
	},
	{
		name: 'POST /medewerkers/kennisnetwerk/themas/:year',
		who: 'admin',
		method: 'POST',
		input: at(
			`/medewerkers/kennisnetwerk/themas/${world.year}`,
			fields(['label', 'from'], {}, ['add', 'rename', 'remove', 'start']),
		),
	},
	{
		name: 'GET /medewerkers/deelnames (search)',
		who: 'admin',
		method: 'GET',
		input: at('/medewerkers/deelnames', fields(['zoek', 'q', 'jaar', 'status', 'pagina', 'sorteer', 'type'])),
	},
	{
		name: 'GET /medewerkers/audit (search)',
		who: 'admin',
		method: 'GET',
		input: at('/medewerkers/audit', fields(['zoek', 'q', 'van', 'tot', 'pagina', 'actie'])),
	},
]

// ── Sending ─────────────────────────────────────────────────────────────────────────────────
const cookiesFor: Record<Who, string[]> = { anonymous: [''], memberA: membersA, memberB: membersB, admin: admins }
let sent = 0
const statuses = new Map<string, Map<number, number>>()
const problems: { target: string; problem: string; request: string }[] = []

async function send(target: Target, input: { path: string; fields: Record<string, string> }) {
	sent += 1
	const cookies = cookiesFor[target.who]
	const cookie = cookies[sent % cookies.length]!
	const query = new URLSearchParams(input.fields).toString()
	const url = `${server.base}${input.path}${target.method === 'GET' && query ? `?${query}` : ''}`
	const headers: Record<string, string> = {
		// Rate limits count per address and per user: every request from an address of its own.
		'X-Forwarded-For': `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`,
		Origin: server.base,
		...(cookie ? { Cookie: cookie } : {}),
	}
	const describe = `${target.method} ${input.path.slice(0, 120)} ${JSON.stringify(input.fields).slice(0, 300)}`
	let response: Response
	try {
		response = await fetch(url, {
			method: target.method,
			headers: target.method === 'POST' ? { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } : headers,
			body: target.method === 'POST' ? new URLSearchParams(input.fields).toString() : undefined,
			redirect: 'manual',
			signal: AbortSignal.timeout(60_000),
		})
	} catch (error) {
		problems.push({ target: target.name, problem: `no answer: ${String(error).slice(0, 200)}`, request: describe })
		return
	}
	const byStatus = statuses.get(target.name) ?? new Map<number, number>()
	byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1)
	statuses.set(target.name, byStatus)
	const html = (response.headers.get('Content-Type') ?? '').includes('text/html')
	const page = await response.text().catch(() => '')
	if (response.status >= 500) problems.push({ target: target.name, problem: `${response.status}`, request: describe })
	if (html)
		for (const payload of scripts)
			if (page.includes(payload))
				problems.push({ target: target.name, problem: `unescaped echo of ${payload}`, request: describe })
}

const request = fc.oneof(...targets.map((target) => target.input.map((input) => ({ target, input })))) as fc.Arbitrary<{
	target: Target
	input: { path: string; fields: Record<string, string> }
}>

const loadBefore = loadavg()[0]!
const started = performance.now()
let runs = 0
try {
	await fc.check(
		fc.asyncProperty(request, async ({ target, input }) => {
			runs += 1
			await send(target, input)
			if (runs % 1000 === 0)
				console.log(
					`${runs} invoer, ${problems.length} problemen, ${Math.round((performance.now() - started) / 1000)} s`,
				)
			return true
		}),
		{ numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: SECONDS * 1000, markInterruptAsFailure: false },
	)
} finally {
	await server.stop()
}
const durationMs = Math.round(performance.now() - started)
const serverErrors = problems.filter((problem) => !problem.problem.startsWith('unescaped')).length
const unescaped = problems.length - serverErrors

const result = {
	date: new Date().toISOString(),
	database: database.kind,
	runs,
	requests: sent,
	seed: SEED,
	durationMs,
	serverErrors,
	unescapedEchoes: unescaped,
	targets: targets.length,
	machine: machine(),
	loadBefore: Number(loadBefore.toFixed(2)),
	loadAfter: Number(loadavg()[0]!.toFixed(2)),
	statuses: Object.fromEntries([...statuses].map(([name, counts]) => [name, Object.fromEntries(counts)])),
	problems: problems.slice(0, 50),
}
await database.dispose()

console.log(
	`fuzz: ${runs} invoer over ${targets.length} doelen in ${(durationMs / 1000).toFixed(0)} s (seed ${SEED}), ` +
		`${serverErrors} serverfouten, ${unescaped} onge-escapete echo's`,
)
if (process.env.FUZZ_VERBOSE)
	for (const [name, counts] of statuses) console.log(`  ${name}: ${JSON.stringify(Object.fromEntries(counts))}`)
for (const problem of problems.slice(0, 20))
	console.log(`  ${problem.target}: ${problem.problem}\n    ${problem.request}`)

if (WRITE) {
	await writeResult('fuzz', database.kind, result)
	await writeFile(new URL('../docs/security-fuzz.md', import.meta.url), report(readResults<typeof result>('fuzz')))
}
process.exit(problems.length > 0 || runs < Math.min(RUNS, 100) ? 1 : 0)

function report(results: (typeof result)[]): string {
	const lines = [
		'# Fuzz run (issue 15)',
		'',
		'Written by `npm run fuzz` (`bench/fuzz.ts`); do not edit by hand. The production server on a fresh',
		'database with the world of the authorization suite; fast-check generates path segments, query',
		'parameters and form fields (control characters, NUL, lone surrogates, unicode, script payloads,',
		'odd numbers, texts at and over the length caps, bodies over the 1 MB cap) for every public route',
		'and form and the writing forms of signed-in users. A problem is a 5xx, no answer, or a script',
		'payload unescaped in an HTML answer. CI runs 300 inputs (`scripts/test-all.sh`).',
		'',
		row(['date', 'database', 'inputs', 'targets', 'duration', 'server errors', 'unescaped echoes', 'seed', 'machine']),
		row(['---', '---', '---', '---', '---', '---', '---', '---', '---']),
		...results.map((entry) =>
			row([
				entry.date.slice(0, 16).replace('T', ' '),
				entry.database,
				entry.runs,
				entry.targets,
				`${(entry.durationMs / 1000).toFixed(0)} s`,
				entry.serverErrors,
				entry.unescapedEchoes,
				entry.seed,
				`${entry.machine} (load ${entry.loadBefore} → ${entry.loadAfter})`,
			]),
		),
		'',
		'Answers per target in the latest run (status: count):',
		'',
		row(['target', 'statuses']),
		row(['---', '---']),
		...Object.entries(results.at(-1)?.statuses ?? {}).map(([name, counts]) =>
			row([
				name.replace(/\|/g, '\\|'),
				Object.entries(counts)
					.map(([status, count]) => `${status}: ${count}`)
					.join(', '),
			]),
		),
		'',
	]
	return lines.join('\n')
}
