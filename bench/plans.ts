// Plans stay good as the data grows (issue 17, target 4): the register's queries and the autosave's
// statement, run through the real services while every SQL statement they send is recorded, then
// each statement EXPLAIN ANALYZEd (writes inside a transaction that is rolled back) — at ×1 and ×5
// the providers, each time before and after ANALYZE. On PGlite the ANALYZE is the nightly
// maintenance run's (purge-sessions; PGlite has no autovacuum); on PostgreSQL autovacuum does it in
// production, so the bench runs ANALYZE itself in its place.
// Writes bench/results/plans-<database>.json and bench/plans.md. Run: npx tsx bench/plans.ts
// (PostgreSQL with BENCH_DATABASE_URL).
import { readFile } from 'node:fs/promises'
import pg from 'pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { parseRegisterQuery } from '#app/domain/register-search.ts'
import { db, getDatabase } from '#app/lib/db.server.ts'
import { purgeSessions } from '#app/jobs/maintenance.server.ts'
import { createListedParticipation } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { loadCarrier, searchRegister } from '#app/services/register.server.ts'
import { saveAnswer } from '#app/services/self-evaluation.server.ts'
import { verifyCertificate } from '#app/services/verification.server.ts'
import { runningYearAt } from '#app/services/years.server.ts'
import { formatCertificateNumber } from '#app/domain/fees.ts'
import { allEvidence } from '#app/domain/norm-set.ts'
import { seedRegisterProviders } from './register-data.ts'
import { machine, openBenchDatabase, writeReport, writeResult } from './lib.ts'

const BASE = Number(process.env.PLANS_PROVIDERS ?? 2_000)
const YEAR = runningYearAt(new Date())
/** The register's statements themselves, not the register cache's answers. */
function uncached(run: () => Promise<unknown>): () => Promise<unknown> {
	return async () => {
		process.env.KEURMERK_REGISTER_CACHE = 'off'
		try {
			return await run()
		} finally {
			delete process.env.KEURMERK_REGISTER_CACHE
		}
	}
}

const database = await openBenchDatabase('plans')

// ── Recording the statements the services send ───────────────────────────────────────────────────
interface Statement {
	text: string
	values: unknown[]
}
let recording: Statement[] | null = null
const record = (text: unknown, values: unknown) => {
	if (recording && typeof text === 'string') recording.push({ text, values: Array.isArray(values) ? values : [] })
}
if (database.kind === 'pglite') {
	// Not PGlite's own query: the adapter's client is the prepared statements' proxy
	// (pglite-prepared.js), which talks to the engine beneath it. Every statement of the adapter —
	// prepared or not, in a transaction or not — passes through one method of its base class,
	// performIO, which converts the arguments and hands both to its client's query; the recording
	// wraps that client.
	interface Queryable {
		client: { query(text: string, values: unknown[], options: unknown): Promise<unknown> }
		performIO(this: Queryable, query: unknown): Promise<unknown>
	}
	const adapter = await new PrismaPGlite(getDatabase().pglite!).connect()
	const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Partial<Queryable>
	const performIO = queryable.performIO
	if (typeof performIO !== 'function')
		throw new Error('pglite-prisma-adapter has no performIO: the recording needs a new hook')
	queryable.performIO = function (this: Queryable, query: unknown) {
		const { client } = this
		const recorded: Queryable['client'] = {
			query(text, values, options) {
				record(text, values)
				return client.query(text, values, options)
			},
		}
		return performIO.call(Object.create(this, { client: { value: recorded } }) as Queryable, query)
	}
} else {
	const query = pg.Client.prototype.query
	pg.Client.prototype.query = function (this: pg.Client, config: unknown, values?: unknown, callback?: unknown) {
		if (config && typeof config === 'object' && 'text' in config)
			record((config as { text: string }).text, (config as { values?: unknown[] }).values)
		else record(config, values)
		return (query as (...args: unknown[]) => unknown).call(this, config, values, callback)
	} as typeof query
}

async function statementsOf(run: () => Promise<unknown>): Promise<Statement[]> {
	recording = []
	try {
		await run()
		return recording.filter((statement) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SET|SAVEPOINT|RELEASE)\b/i.test(statement.text))
	} finally {
		recording = null
	}
}

// ── EXPLAIN ANALYZE through the raw driver ───────────────────────────────────────────────────────
interface PlanNode {
	'Node Type': string
	'Relation Name'?: string
	'Index Name'?: string
	'Actual Rows'?: number
	'Plan Rows'?: number
	Plans?: PlanNode[]
}
type Explained = [{ Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }]

async function explain(statement: Statement): Promise<Explained> {
	const sql = `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`
	const write = !/^\s*(SELECT|WITH\s[\s\S]*\bSELECT\b(?![\s\S]*\b(INSERT|UPDATE|DELETE)\b))/i.test(statement.text)
	if (database.kind === 'pglite') {
		const pglite = getDatabase().pglite!
		const run = async () => (await pglite.query<{ 'QUERY PLAN': Explained }>(sql, statement.values as never)).rows
		if (!write) return (await run())[0]!['QUERY PLAN']
		return pglite.transaction(async (tx) => {
			const rows = (await tx.query<{ 'QUERY PLAN': Explained }>(sql, statement.values as never)).rows
			await tx.rollback()
			return rows[0]!['QUERY PLAN']
		})
	}
	const client = new pg.Client({ connectionString: database.databaseUrl })
	await client.connect()
	try {
		if (write) await client.query('BEGIN')
		const rows = (await client.query<{ 'QUERY PLAN': Explained }>(sql, statement.values as unknown[])).rows
		if (write) await client.query('ROLLBACK')
		return rows[0]!['QUERY PLAN']
	} finally {
		await client.end()
	}
}

/** The plan as one line per node, indented: node type, relation or index, rows estimated → actual. */
function outline(node: PlanNode, depth = 0): string[] {
	const on = node['Index Name']
		? ` using ${node['Index Name']}`
		: node['Relation Name']
			? ` on ${node['Relation Name']}`
			: ''
	const line = `${'  '.repeat(depth)}${node['Node Type']}${on} (rows ${node['Plan Rows'] ?? '?'} est. → ${node['Actual Rows'] ?? '?'})`
	return [line, ...(node.Plans ?? []).flatMap((child) => outline(child, depth + 1))]
}

// ── The cases ────────────────────────────────────────────────────────────────────────────────────
const register = (search: string) =>
	uncached(() => searchRegister(parseRegisterQuery(new URLSearchParams(search)).query))
const member = await (async () => {
	const provider = await db.provider.create({
		data: {
			name: 'Plannen',
			slug: 'plannen',
			type: 'independent_practice',
			kvkNumber: '69000000',
			agbCode: '69000000',
			street: 'Straat',
			houseNumber: '1',
			postcode: '3511 AB',
			city: 'Utrecht',
			email: 'plannen@bench.test',
		},
	})
	const user = await db.user.create({
		data: { email: 'plannen@bench.test', name: 'Plannen', memberships: { create: { providerId: provider.id } } },
	})
	await createListedParticipation({ year: YEAR + 1, providerId: provider.id })
	return { providerId: provider.id, userId: user.id }
})()
const textKey = await (async () => {
	const loaded = await loadNormSet(YEAR + 1)
	const item = allEvidence(loaded!.normSet).find(({ item }) => item.kind === 'explanation' && !item.choices)
	return item!.item.key
})()
let version = 0
async function save() {
	const result = await saveAnswer(
		{ type: 'provider', userId: member.userId },
		{
			providerId: member.providerId,
			year: YEAR + 1,
			evidenceKey: textKey,
			expectedVersion: version,
			value: { text: `Een toelichting, versie ${version} — ${'tekst '.repeat(100)}` },
		},
	)
	if (!result.ok) throw new Error('Opslaan mislukt')
	version = result.version
}
await save() // the answer exists: what follows is the one-statement autosave

const cases: [string, () => Promise<unknown>][] = [
	['register: first page', register(`jaar=${YEAR}`)],
	['register: free text "linde"', register(`jaar=${YEAR}&q=linde`)],
	['register: province + status', register(`jaar=${YEAR}&provincie=Gelderland&status=qualified`)],
	[
		'register: deep page (qualified, by city, page 100)',
		register(`jaar=${YEAR}&status=qualified&sorteer=city&pagina=100`),
	],
	['carrier page', uncached(() => loadCarrier('bench-42'))],
	['certificate verification', uncached(() => verifyCertificate(formatCertificateNumber(YEAR, 42)))],
	// The norm set comes from its cache (one register-version read), as in the server.
	['autosave (existing answer)', save],
]

interface CaseResult {
	case: string
	statements: { sql: string; planningMs: number; executionMs: number; plan: string[] }[]
	executionMs: number
}

const compact = (sql: string) => sql.replace(/\s+/g, ' ').slice(0, 160)

async function measureCases(): Promise<CaseResult[]> {
	const results: CaseResult[] = []
	for (const [name, run] of cases) {
		await run() // warm (the norm set, the year settings)
		const statements = await statementsOf(run)
		// Every case sends at least one statement: none means the recording missed them.
		if (statements.length === 0) throw new Error(`${name}: no statements recorded`)
		const explained = []
		for (const statement of statements) {
			// An insert with the id it was given cannot run twice: its plan is one Insert node anyway.
			const replayed = await explain(statement).catch((error: unknown) => String(error).slice(0, 120))
			if (typeof replayed === 'string') {
				explained.push({
					sql: compact(statement.text),
					planningMs: 0,
					executionMs: 0,
					plan: [`(not replayed: ${replayed})`],
				})
				continue
			}
			const [plan] = replayed
			explained.push({
				sql: compact(statement.text),
				planningMs: Number(plan['Planning Time'].toFixed(2)),
				executionMs: Number(plan['Execution Time'].toFixed(2)),
				plan: outline(plan.Plan),
			})
		}
		results.push({
			case: name,
			statements: explained,
			executionMs: Number(explained.reduce((sum, entry) => sum + entry.executionMs, 0).toFixed(2)),
		})
		console.log(`${name}: ${statements.length} statements, ${results.at(-1)?.executionMs} ms`)
	}
	return results
}

async function analyze(): Promise<string> {
	if (database.kind === 'pglite') {
		await purgeSessions.run(new Date())
		return 'the maintenance run (purge-sessions: ANALYZE)'
	}
	await db.$executeRawUnsafe('ANALYZE')
	return 'ANALYZE (autovacuum’s work in production)'
}

const steps: { providers: number; analyzed: string; seedSeconds: number; cases: CaseResult[] }[] = []
try {
	let seeded = 0
	for (const scale of [1, 5]) {
		const started = performance.now()
		await seedRegisterProviders(YEAR, seeded, BASE * scale - seeded)
		seeded = BASE * scale
		const seedSeconds = Number(((performance.now() - started) / 1000).toFixed(1))
		steps.push({ providers: seeded, analyzed: 'before ANALYZE', seedSeconds, cases: await measureCases() })
		const how = await analyze()
		steps.push({ providers: seeded, analyzed: `after ${how}`, seedSeconds, cases: await measureCases() })
	}
} finally {
	await database.dispose()
}

const result = {
	bench: 'plans',
	database: database.kind,
	date: new Date().toISOString(),
	machine: machine(),
	steps,
}
await writeResult('plans', database.kind, result)

// bench/plans.md from every results file there is.
const sections: string[] = []
for (const kind of ['pglite', 'postgresql']) {
	let data: typeof result
	try {
		data = JSON.parse(await readFile(new URL(`./results/plans-${kind}.json`, import.meta.url), 'utf8')) as typeof result
	} catch {
		continue
	}
	const names = data.steps[0]?.cases.map((entry) => entry.case) ?? []
	const header = `| case | ${data.steps.map((step) => `${step.providers} providers, ${step.analyzed}`).join(' | ')} |`
	const rule = `| --- | ${data.steps.map(() => '---:').join(' | ')} |`
	const rows = names.map(
		(name) =>
			`| ${name} | ${data.steps.map((step) => String(step.cases.find((entry) => entry.case === name)?.executionMs ?? '')).join(' | ')} |`,
	)
	const last = data.steps.at(-1)
	const plans = (last?.cases ?? [])
		.map(
			(entry) =>
				`### ${entry.case}\n\n${entry.statements
					.map((statement) => `\`${statement.sql}\`\n\n\`\`\`\n${statement.plan.join('\n')}\n\`\`\``)
					.join('\n\n')}`,
		)
		.join('\n\n')
	sections.push(`## ${kind === 'pglite' ? 'Embedded PGlite' : 'PostgreSQL'} — ${data.date.slice(0, 16).replace('T', ' ')} UTC

${data.machine}.

Execution time (ms, EXPLAIN ANALYZE, the sum over the case's statements):

${header}
${rule}
${rows.join('\n')}

Plans at ${last?.providers} providers, ${last?.analyzed}:

${plans}`)
}
await writeReport(
	'plans.md',
	`# Plans as the data grows

Measured by \`npx tsx bench/plans.ts\` (\`bench/plans.ts\`; PostgreSQL with \`BENCH_DATABASE_URL=postgresql://…\`).
Raw numbers and every plan: \`bench/results/plans-<database>.json\`. The register's queries (uncached) and
the autosave's statement run through the services while their SQL is recorded; each statement is then
EXPLAIN ANALYZEd (writes rolled back), at ${BASE} and ${BASE * 5} providers, before and after ANALYZE.

${sections.join('\n\n')}
`,
)
