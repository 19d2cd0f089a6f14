// Environment, validated once at start-up (server/app.ts and every script call `initEnv()`).
// A wrong value stops the process with a readable list instead of failing later in a request.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { nl as zodDutch } from 'zod/v4/locales'

z.config(zodDutch())

const flag = z
	.enum(['0', '1', 'true', 'false', ''])
	.optional()
	.transform((value) => value === '1' || value === 'true')

const schema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	APP_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'moet een postgres://-URL zijn')
		.optional()
		.or(z.literal('').transform(() => undefined)),
	PGLITE_DATA_DIR: z.string().default('var/db'),
	// The server runs the embedded database in a worker thread of its own (docs/deploy.md, "Database");
	// 'off': on the main thread, as scripts and tests do.
	PGLITE_THREAD: z.enum(['on', 'off']).default('on'),
	// That thread's scheduling niceness on Linux (0–19; 0: as the HTTP thread). A higher one lets the
	// event loop run first under load but makes every statement wait longer for a core; at the rush
	// the visitors gained nothing measurable by it and the saves lost (docs/deploy.md).
	PGLITE_THREAD_NICE: z.coerce.number().int().min(0).max(19).default(0),
	// PGlite keeps each distinct statement prepared (app/lib/db/pglite-prepared.js); 'off': parsed and
	// planned every time, as PGlite's own query does (the way back; docs/deploy.md).
	PGLITE_PREPARED: z.enum(['on', 'off']).default('on'),
	// PostgreSQL runs each distinct statement (a bounded number) as a named prepared statement
	// (app/lib/db/pg-prepared.server.ts); 'off': every statement unnamed, parsed and planned every time.
	PG_PREPARED: z.enum(['on', 'off']).default('on'),
	// The PostgreSQL connections this process keeps at most (node-postgres' pool). A request holds one
	// per statement until the event loop has read the answer, so a busy loop holds them longer.
	PG_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
	// PostgreSQL: how long a register version kept since the last notification is trusted at most
	// (app/services/register-cache.server.ts, decision 008); 0: read at every request, as before stop 34.
	REGISTER_VERSION_MAX_AGE_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
	FILE_STORAGE_DIR: z.string().default('var/files'),
	// Where file contents live: a local directory (one machine) or the database (every instance).
	FILE_STORAGE: z.enum(['local', 'database']).default('local'),
	SESSION_SECRET: z.string().min(32, 'moet minstens 32 tekens zijn').optional(),
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\//, 'moet een smtp://- of smtps://-URL zijn')
		.optional()
		.or(z.literal('').transform(() => undefined)),
	MAIL_FROM: z.string().default('Keurmerk Basis GGZ <keurmerk@kibg.nl>'),
	// The office's own mailbox: a provider's message on a submission without an assessor goes here.
	STAFF_MAILBOX: z.email().default('keurmerk@kibg.nl'),
	KEURMERK_DEMO: flag,
	KEURMERK_NOW: z.iso
		.datetime({ offset: true, message: 'moet een ISO-tijdstip zijn, bijv. 2027-03-31T23:59:00+02:00' })
		.optional()
		.or(z.literal('').transform(() => undefined)),
	KEURMERK_ALLOW_CLOCK_OVERRIDE: flag,
	KEURMERK_TEST_HOOKS: flag,
	KEURMERK_SCHEDULER: z.enum(['on', 'off']).default('on'),
	// Backups (npm run db:backup and the nightly job): where, how many nightly ones to keep, whether
	// the nightly one runs (default: on in production), and which pg_dump reads PostgreSQL.
	BACKUP_DIR: z.string().default('var/backups'),
	BACKUP_KEEP: z.coerce.number().int().min(1).max(366).default(14),
	BACKUP_NIGHTLY: z.enum(['on', 'off']).optional(),
	PG_DUMP: z.string().default('pg_dump'),
	// GET /metrics answers a scrape with `Authorization: Bearer <METRICS_TOKEN>`; unset: loopback only.
	METRICS_TOKEN: z
		.string()
		.min(16, 'moet minstens 16 tekens zijn')
		.optional()
		.or(z.literal('').transform(() => undefined)),
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
	// Two-factor sign-in for staff administrators: 'required' (the default) makes an admin without it
	// set it up before any staff page; demo mode never requires it (docs/security-authentication.md).
	KEURMERK_ADMIN_2FA: z.enum(['required', 'optional']).default('required'),
	// A password reset answers no sooner than this many milliseconds, known address or not (issue 15,
	// finding 6: the work for a known address must not show in the time). 0 only for measuring.
	KEURMERK_RESET_FLOOR_MS: z.coerce.number().int().min(0).max(5000).default(250),
})

const isOn = (value: string | undefined) => value === '1' || value === 'true'

// Checks across variables, run on the raw values so they are reported together with any other
// problem (a failed field would stop a Zod refinement from running at all).
function crossChecks(source: NodeJS.ProcessEnv): string[] {
	const problems: string[] = []
	const production = source.NODE_ENV === 'production'
	// The clock and the test hooks change what the portal believes is true: never by accident in
	// production. Demo mode is an explicit choice, so it counts as permission.
	const allowed = !production || isOn(source.KEURMERK_DEMO) || isOn(source.KEURMERK_ALLOW_CLOCK_OVERRIDE)
	if (source.KEURMERK_NOW && !allowed) {
		problems.push(
			'KEURMERK_NOW: is in productie geweigerd; zet KEURMERK_ALLOW_CLOCK_OVERRIDE=1 als dit echt de bedoeling is',
		)
	}
	if (isOn(source.KEURMERK_TEST_HOOKS) && !allowed) {
		problems.push(
			'KEURMERK_TEST_HOOKS: is in productie geweigerd; zet KEURMERK_ALLOW_CLOCK_OVERRIDE=1 voor een testserver',
		)
	}
	if (production && !isOn(source.KEURMERK_DEMO) && !source.SESSION_SECRET) {
		problems.push('SESSION_SECRET: is verplicht in productie (minstens 32 willekeurige tekens)')
	}
	return problems
}

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string }

const key = Symbol.for('keurmerk.env')
type Holder = { [key]?: Env }

export class EnvError extends Error {}

/** Parses process.env; throws an EnvError listing every problem in Dutch. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
	const result = schema.safeParse(source)
	const problems = [
		...(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
		...crossChecks(source),
	]
	if (!result.success || problems.length > 0) {
		const lines = problems.map((problem) => `  - ${problem}`)
		throw new EnvError(`Ongeldige configuratie (omgevingsvariabelen):\n${lines.join('\n')}`)
	}
	const env = result.data
	return { ...env, SESSION_SECRET: env.SESSION_SECRET ?? localSessionSecret(env.PGLITE_DATA_DIR) }
}

export function initEnv(source: NodeJS.ProcessEnv = process.env): Env {
	const env = parseEnv(source)
	;(globalThis as Holder)[key] = env
	return env
}

export function getEnv(): Env {
	return (globalThis as Holder)[key] ?? initEnv()
}

/** Whether a staff administrator must use two-factor sign-in: the setting, and never in demo mode. */
export function adminTwoFactorRequired(): boolean {
	const env = getEnv()
	return env.KEURMERK_ADMIN_2FA === 'required' && !env.KEURMERK_DEMO
}

/** What the browser may see: nothing secret. */
export function getPublicEnv() {
	const env = getEnv()
	return { APP_URL: env.APP_URL, DEMO: env.KEURMERK_DEMO, MODE: env.NODE_ENV }
}

// Development and demo run without configuration: a random secret is kept beside the embedded
// database so sessions survive restarts. Production must set SESSION_SECRET (checked above).
function localSessionSecret(dataDir: string): string {
	const file = path.resolve(dataDir, '..', 'session-secret')
	if (existsSync(file)) return readFileSync(file, 'utf8').trim()
	const secret = randomBytes(32).toString('base64url')
	mkdirSync(path.dirname(file), { recursive: true })
	writeFileSync(file, secret, { mode: 0o600 })
	return secret
}
