// Fuzz of every public route and form and the writing forms of signed-in users (issue 15): the
// production server (build/) on a fresh database with the world of the authorization suite
// (test/fixtures/authz-world.ts), and fast-check generating what goes into the URLs and forms —
// control characters, NUL, lone surrogates, unicode, HTML and script payloads, odd numbers, texts
// just under, at and over the length caps, bodies over the 1 MB cap. The forms with uploads get
// multipart bodies too: files with odd names and types, random bytes, PDFs with active content,
// broken and hand-made ZIPs (XLSX/DOCX with junk or an entity bomb inside, sizes that lie), real
// XLSX files with odd cells, CSV, empty and oversized files, and multipart bodies that are
// themselves broken (no boundary, truncated, odd headers). Every request must answer without a
// server error (5xx or no answer), and no script payload may come back unescaped in an HTML page.
//
// npm run fuzz            10,000 inputs (builds first); writes bench/results/fuzz-<database>.json
//                         and docs/security-fuzz.md
// FUZZ_RUNS=300 FUZZ_SECONDS=120 npx tsx bench/fuzz.ts     the small run of CI (writes nothing)
// FUZZ_SEED=… repeats a run; FUZZ_PORT (default 3290); BENCH_DATABASE_URL: on PostgreSQL;
// FUZZ_ONLY=multipart fuzzes only the targets whose name contains that word (writes nothing).
// npx tsx bench/fuzz.ts --report   docs/security-fuzz.md anew from the results files, no run.
import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { crc32, deflateRawSync } from 'node:zlib'
import fc from 'fast-check'
import writeXlsxFile from 'write-excel-file/node'
import { db } from '#app/lib/db.server.ts'
import { TINY_PDF } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { buildWorld, MOMENT } from '#test/fixtures/authz-world.ts'
import { createUser } from '#test/fixtures/factories.ts'
import { sessionCookieFor } from '#test/fixtures/requests.ts'
import {
	machine,
	openBenchDatabase,
	readResults,
	reportOnlyWhenAsked,
	row,
	startServer,
	writeReport,
	writeResult,
} from './lib.ts'

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000)
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 1800)
const PORT = Number(process.env.FUZZ_PORT ?? 3290)
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const ONLY = process.env.FUZZ_ONLY ?? ''
const WRITE = RUNS >= 10_000 && process.env.FUZZ_WRITE !== '0' && !ONLY
await reportOnlyWhenAsked('../docs/security-fuzz.md', () => report(readResults<FuzzResult>('fuzz')))
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
const uploadItems = loaded.normSet.themes.flatMap((theme) =>
	theme.norms.flatMap((norm) =>
		norm.criteria.flatMap((criterion) =>
			criterion.evidence.filter((item) => item.kind === 'template_upload').map((item) => ({ norm, item })),
		),
	),
)
if (uploadItems.length === 0) throw new Error('Geen upload-onderdeel in de normen')
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
/** A file of a multipart body. */
interface FuzzFile {
	field: string
	name: string
	type: string
	bytes: Uint8Array
}
interface Input {
	/** The path (may hold fuzzed segments) and the fields (query for GET, form for POST). */
	path: string
	fields: Record<string, string>
	/** A multipart body: the fields and these files. */
	files?: FuzzFile[]
	/** A body sent as it is (a broken multipart body), with its content type. */
	raw?: { contentType: string; body: Uint8Array }
}
interface Target {
	name: string
	who: Who
	method: 'GET' | 'POST'
	input: fc.Arbitrary<Input>
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

// ── Multipart: the forms with uploads ───────────────────────────────────────────────────────
const ascii = (value: string) => new TextEncoder().encode(value)
const joined = (...parts: (string | Uint8Array)[]) => {
	const chunks = parts.map((part) => (typeof part === 'string' ? ascii(part) : part))
	const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
	let offset = 0
	for (const chunk of chunks) {
		out.set(chunk, offset)
		offset += chunk.length
	}
	return out
}

interface ZipEntry {
	name: string
	data: Uint8Array
	deflate: boolean
	/** What the table of contents claims the entry unpacks to (a lie makes a "zip bomb"). */
	declaredSize?: number
}
/** A ZIP written by hand, so that every field (sizes, names, the directory) can be odd. */
function zipOf(entries: ZipEntry[]): Uint8Array {
	const locals: Uint8Array[] = []
	const centrals: Uint8Array[] = []
	let offset = 0
	for (const entry of entries) {
		const name = ascii(entry.name)
		const packed = entry.deflate ? new Uint8Array(deflateRawSync(entry.data)) : entry.data
		const size = entry.declaredSize ?? entry.data.length
		const crc = crc32(entry.data)
		// The local header and the directory entry hold the same fields, the latter 2 bytes further on.
		const header = (length: number, signature: number, shift: number) => {
			const view = new DataView(new ArrayBuffer(length))
			view.setUint32(0, signature, true)
			view.setUint16(4 + shift, 20, true)
			view.setUint16(8 + shift, entry.deflate ? 8 : 0, true)
			view.setUint32(14 + shift, crc, true)
			view.setUint32(18 + shift, packed.length, true)
			view.setUint32(22 + shift, size >>> 0, true)
			view.setUint16(26 + shift, name.length, true)
			return view
		}
		const local = header(30, 0x04034b50, 0)
		const central = header(46, 0x02014b50, 2)
		central.setUint16(4, 20, true)
		central.setUint32(42, offset, true)
		locals.push(joined(new Uint8Array(local.buffer), name, packed))
		centrals.push(joined(new Uint8Array(central.buffer), name))
		offset += 30 + name.length + packed.length
	}
	const directory = joined(...centrals)
	const end = new DataView(new ArrayBuffer(22))
	end.setUint32(0, 0x06054b50, true)
	end.setUint16(8, entries.length, true)
	end.setUint16(10, entries.length, true)
	end.setUint32(12, directory.length, true)
	end.setUint32(16, offset, true)
	return joined(...locals, directory, new Uint8Array(end.buffer))
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
/** An XML entity bomb ("billion laughs"): the SAX parser must not expand it. */
const entityBomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
	{ length: 9 },
	(_, level) => `<!ENTITY lol${level + 1} "${`&lol${level || ''};`.repeat(10)}">`,
).join('')}]><worksheet><sheetData><row><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`
const xmlParts = fc.oneof(
	text,
	fc.constant(entityBomb),
	fc.constant('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
	fc.constant(
		'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
	),
	text.map(
		(inner) =>
			`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${inner}</t></is></c></row></sheetData></worksheet>`,
	),
)
const officeNames = [
	'[Content_Types].xml',
	'_rels/.rels',
	'xl/workbook.xml',
	'xl/_rels/workbook.xml.rels',
	'xl/worksheets/sheet1.xml',
	'xl/sharedStrings.xml',
	'word/document.xml',
	'../../buiten.xml',
]
const handMadeZip = fc
	.array(
		fc.record({
			name: fc.oneof(
				fc.constantFrom(...officeNames),
				text.map((name) => name.slice(0, 100)),
			),
			data: xmlParts.map((xml) => ascii(xml)),
			deflate: fc.boolean(),
			declaredSize: fc.option(fc.oneof(fc.nat(), fc.constant(0xffffffff), fc.constant(2 ** 31)), { nil: undefined }),
		}),
		{ minLength: 1, maxLength: 8 },
	)
	.map(zipOf)
/** Real XLSX files (the spreadsheet library's own) with odd cells: made once, before the run. */
const xlsxFiles: Uint8Array[] = []
for (const cells of fc.sample(fc.array(fc.array(text, { maxLength: 6 }), { minLength: 1, maxLength: 8 }), {
	numRuns: 12,
	seed: SEED,
})) {
	// Control characters and lone surrogates go in as they are: the file may then hold XML that is
	// not well-formed, which the delivery must refuse as unreadable.
	const rows = cells.map((row) => row.map((value) => ({ value })))
	xlsxFiles.push(new Uint8Array(await writeXlsxFile(rows).toBuffer()))
}
const pdfActive = [
	'',
	'/JavaScript (kpfuzz(8))',
	'/OpenAction 1 0 R',
	'/Launch',
	'/EmbeddedFile',
	'/AA <<>>',
	'/JS (x)',
	'/RichMedia',
]
/** Over every upload cap (20 MB), made once. */
const oversized = new Uint8Array(21 * 1024 * 1024).fill(0x41)
// Weights out of 69: an oversized file in about one file of seventy (it is 21 MB on the wire).
const fileBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
	{ arbitrary: fc.uint8Array({ maxLength: 2048 }), weight: 12 },
	{ arbitrary: fc.constant(TINY_PDF), weight: 12 },
	{
		arbitrary: fc
			.tuple(fc.uint8Array({ maxLength: 512 }), fc.constantFrom(...pdfActive))
			.map(([noise, active]) => joined('%PDF-1.7\n', noise, `\n1 0 obj<<${active}>>endobj\n%%EOF\n`)),
		weight: 8,
	},
	{ arbitrary: fc.uint8Array({ maxLength: 512 }).map((noise) => joined('PK\u0003\u0004', noise)), weight: 4 },
	{ arbitrary: handMadeZip, weight: 12 },
	{ arbitrary: fc.constantFrom(...xlsxFiles), weight: 8 },
	{
		arbitrary: fc
			.array(fc.array(text, { maxLength: 6 }), { maxLength: 20 })
			.map((rows) => ascii(rows.map((row) => row.join(';')).join('\r\n'))),
		weight: 8,
	},
	{ arbitrary: fc.constant(new Uint8Array(0)), weight: 4 },
	{ arbitrary: fc.constant(oversized), weight: 1 },
)
const fileNames = fc.oneof(
	{
		arbitrary: fc.constantFrom(
			'verslag.pdf',
			'werkproces.docx',
			'aanlevering.xlsx',
			'aanlevering.csv',
			'notities.odt',
			'foto.jpg',
			'pagina.html',
			'factuur.pdf.exe',
			'.pdf',
			`${'x'.repeat(300)}.pdf`,
			'../../etc/passwd',
			'C:\\temp\\verslag.pdf',
			'a\u0000.pdf',
			'ü😀.pdf',
			'"quoted".pdf',
			'',
		),
		weight: 3,
	},
	{ arbitrary: text.map((name) => name.slice(0, 300)), weight: 1 },
)
const fileTypes = fc.constantFrom(
	'application/pdf',
	'application/octet-stream',
	'text/csv',
	'text/plain',
	'text/html',
	'image/svg+xml',
	'application/zip',
	XLSX_TYPE,
	DOCX_TYPE,
	'application/vnd.oasis.opendocument.text',
	'',
	'application/pdf; charset=x',
)
/** 0–5 files, mostly on the form's own file field, now and then on another. */
const filesFor = (field: string) =>
	fc.array(
		fc.record({
			field: fc.oneof(
				{ arbitrary: fc.constant(field), weight: 6 },
				{ arbitrary: text.map((name) => name.slice(0, 60)), weight: 1 },
			),
			name: fileNames,
			type: fileTypes,
			bytes: fileBytes,
		}),
		{ maxLength: 5 },
	)
const multipart = (path: string, fileField: string, values: fc.Arbitrary<Record<string, string>>) =>
	fc.tuple(values, filesFor(fileField)).map(([fields, files]): Input => ({ path, fields, files }))

/** A multipart body that is itself broken: the parser must refuse it, not fall over. */
const brokenMultipart = fc
	.tuple(
		fc.constantFrom('kpgrens', 'x'.repeat(70), '', '"', 'a b'),
		fc.constantFrom('boundary=', 'BOUNDARY=', 'boundary="', 'charset=utf-8; boundary=', ''),
		fileNames,
		fileBytes.filter((bytes) => bytes.length < 100_000),
		fc.constantFrom(
			'truncated',
			'no-end',
			'wrong-boundary',
			'header-only',
			'long-header',
			'nul-header',
			'whole',
			'rfc5987',
		),
	)
	.map(([boundary, parameter, name, bytes, kind]) => {
		const disposition =
			kind === 'rfc5987'
				? `form-data; name="file"; filename*=UTF-8''${seg(name)}`
				: kind === 'nul-header'
					? `form-data; name="fi\u0000le"; filename="${name}"`
					: `form-data; name="file"; filename="${name.replace(/"/g, '\\"')}"`
		const headerLine = kind === 'long-header' ? `X-Lang: ${'h'.repeat(200_000)}\r\n` : ''
		const part = joined(
			`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${headerLine}Content-Type: application/pdf\r\n\r\n`,
			bytes,
		)
		const body =
			kind === 'header-only'
				? ascii(`--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n`)
				: kind === 'truncated'
					? part.slice(0, Math.max(1, Math.floor(part.length / 2)))
					: kind === 'no-end'
						? part
						: kind === 'wrong-boundary'
							? joined(part, `\r\n--anders--\r\n`)
							: joined(part, `\r\n--${boundary}--\r\n`)
		return { contentType: `multipart/form-data; ${parameter}${boundary}`, body }
	})

const uploadPath = (key: string) => `${A}/zelfevaluatie/${world.year}/document?upload=${encodeURIComponent(key)}`
const uploadNorm = uploadItems[0]!.norm
const multipartTargets: Target[] = [
	{
		name: 'POST …/zelfevaluatie/:year/document (upload, multipart)',
		who: 'memberA',
		method: 'POST',
		input: fc
			.tuple(fc.constantFrom(...uploadItems.map(({ item }) => item.key)), fields(['replaces', 'evidenceKey']))
			.chain(([key, values]) => multipart(uploadPath(key), 'file', fc.constant(values))),
	},
	{
		name: 'POST …/zelfevaluatie/:year/norm/:normCode (upload without JavaScript, multipart)',
		who: 'memberA',
		method: 'POST',
		input: fc
			.constantFrom(...uploadItems.map(({ item }) => item.key))
			.chain((key) =>
				multipart(
					`${A}/zelfevaluatie/${world.year}/norm/${uploadNorm.code}?upload=${encodeURIComponent(key)}`,
					'file',
					fields(['evidenceKey', 'replaces', 'intent']),
				),
			),
	},
	{
		name: 'POST …/berichten/:year (message, multipart)',
		who: 'memberB',
		method: 'POST',
		input: multipart(`${B}/berichten/${world.year}`, 'attachments', fields(['body', 'terug'])),
	},
	{
		name: 'POST /medewerkers/deelnames/:id/berichten (message, multipart)',
		who: 'admin',
		method: 'POST',
		input: multipart(
			`/medewerkers/deelnames/${world.b.participationId}/berichten`,
			'attachments',
			fields(['body', 'terug']),
		),
	},
	{
		name: 'POST …/spiegelrapportage/:year/aanleveren (file, multipart)',
		who: 'memberB',
		method: 'POST',
		input: multipart(`${B}/spiegelrapportage/${world.year - 1}/aanleveren`, 'file', fields(['intent', 'version'])),
	},
	{
		name: 'POST /consultatie/:year (reaction with attachment, multipart)',
		who: 'memberB',
		method: 'POST',
		input: multipart(
			`/consultatie/${world.b.consultationYear}`,
			'attachment',
			fields(['text', 'version', 'organisationName'], { party: `provider:${world.b.provider.id}` }, ['save', 'send']),
		),
	},
	{
		name: 'POST /consultatie/:year/norm/:normKey (reactions with attachments, multipart)',
		who: 'memberB',
		method: 'POST',
		input: multipart(
			`/consultatie/${world.b.consultationYear}/norm/${world.b.normKey}`,
			'norm.attachment',
			fields(['norm.text', 'norm.remove', 'version'], { party: `provider:${world.b.provider.id}` }),
		),
	},
	{
		name: 'POST broken multipart bodies',
		who: 'memberB',
		method: 'POST',
		input: fc
			.tuple(
				fc.constantFrom(
					`${B}/berichten/${world.year}`,
					`${B}/zelfevaluatie/${world.year}/document?upload=${encodeURIComponent(uploadItems[0]!.item.key)}`,
					`${B}/spiegelrapportage/${world.year - 1}/aanleveren`,
					`/consultatie/${world.b.consultationYear}`,
					`/consultatie/${world.b.consultationYear}/norm/${world.b.normKey}`,
				),
				brokenMultipart,
			)
			.map(([path, raw]): Input => ({ path, fields: {}, raw })),
	},
]
targets.push(...multipartTargets)
if (ONLY) targets.splice(0, targets.length, ...targets.filter((target) => target.name.includes(ONLY)))

// ── Sending ─────────────────────────────────────────────────────────────────────────────────
const cookiesFor: Record<Who, string[]> = { anonymous: [''], memberA: membersA, memberB: membersB, admin: admins }
let sent = 0
const statuses = new Map<string, Map<number, number>>()
const problems: { target: string; problem: string; request: string }[] = []

const FORM_URLENCODED = 'application/x-www-form-urlencoded'
/** The multipart cap (20 MB of files and 64 kB of envelope, docs/security.md). */
const UPLOAD_CAP = 20 * 1024 * 1024 + 64 * 1024

/** About how many bytes the body of a POST has. */
function bodyBytes(input: Input): number {
	const files = (input.files ?? []).reduce((sum, file) => sum + file.bytes.length, 0)
	return files + (input.raw?.body.length ?? 0) + JSON.stringify(input.fields).length
}

/** The body of a POST and its content type (none for FormData: fetch writes the boundary). */
function bodyOf(input: Input): { body: BodyInit; contentType?: string } {
	if (input.raw) return { body: Buffer.from(input.raw.body), contentType: input.raw.contentType }
	if (!input.files) return { body: new URLSearchParams(input.fields).toString(), contentType: FORM_URLENCODED }
	const form = new FormData()
	for (const [name, value] of Object.entries(input.fields)) form.append(name, value)
	for (const file of input.files)
		form.append(file.field, new Blob([Buffer.from(file.bytes)], { type: file.type }), file.name)
	return { body: form }
}

function described(target: Target, input: Input): string {
	const files = input.files
		?.map((file) => `${file.field}=${JSON.stringify(file.name.slice(0, 60))} ${file.type} ${file.bytes.length} B`)
		.join('; ')
	const raw = input.raw ? ` raw ${input.raw.contentType.slice(0, 80)} ${input.raw.body.length} B` : ''
	const fields = JSON.stringify(input.fields).slice(0, 300)
	return `${target.method} ${input.path.slice(0, 120)} ${fields}${files ? ` [${files}]` : ''}${raw}`
}

async function send(target: Target, input: Input) {
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
	const describe = described(target, input)
	const post = target.method === 'POST' ? bodyOf(input) : null
	let response: Response
	try {
		response = await fetch(url, {
			method: target.method,
			headers: post?.contentType ? { ...headers, 'Content-Type': post.contentType } : headers,
			body: post?.body,
			redirect: 'manual',
			signal: AbortSignal.timeout(60_000),
		})
	} catch (error) {
		// server/body-limit.ts answers a declared length over the cap with a 413 and closes the
		// connection at once: a client still sending a 21 MB file then sees the socket close. That is
		// the refusal, counted as status 0; anything else without an answer is a problem.
		if (bodyBytes(input) > UPLOAD_CAP) {
			const byStatus = statuses.get(target.name) ?? new Map<number, number>()
			byStatus.set(0, (byStatus.get(0) ?? 0) + 1)
			statuses.set(target.name, byStatus)
			return
		}
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
	input: Input
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

const result: FuzzResult = {
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
	await writeReport('../docs/security-fuzz.md', report(readResults<FuzzResult>('fuzz')))
}
process.exit(problems.length > 0 || runs < Math.min(RUNS, 100) ? 1 : 0)

function report(results: FuzzResult[]): string {
	const lines = [
		'# Fuzz run (issue 15)',
		'',
		'Written by `npm run fuzz` (`bench/fuzz.ts`); do not edit by hand. The production server on a fresh',
		'database with the world of the authorization suite; fast-check generates path segments, query',
		'parameters and form fields (control characters, NUL, lone surrogates, unicode, script payloads,',
		'odd numbers, texts at and over the length caps, bodies over the 1 MB cap) for every public route',
		'and form and the writing forms of signed-in users. The forms with uploads also get multipart',
		'bodies: files with odd names and types, random bytes, PDFs with active content, broken and',
		'hand-made ZIPs (XLSX/DOCX with junk or an entity bomb inside, sizes that lie), real XLSX files with',
		'odd cells, CSV, empty and oversized files, and multipart bodies that are themselves broken. A',
		'problem is a 5xx, no answer, or a script payload unescaped in an HTML answer. Status 0 below is',
		'no problem: a body over the 20 MB upload cap is refused with a 413 and the connection closed while',
		'the client is still sending (server/body-limit.ts). CI runs 300 inputs (`scripts/test-all.sh`).',
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

interface FuzzResult {
	date: string
	database: string
	runs: number
	requests: number
	seed: number
	durationMs: number
	serverErrors: number
	unescapedEchoes: number
	targets: number
	machine: string
	loadBefore: number
	loadAfter: number
	statuses: Record<string, Record<string, number>>
	problems: { target: string; problem: string; request: string }[]
}
