import { describe, expect, it } from 'vitest'
import { EnvError, parseEnv } from '#app/lib/env.server.ts'

const secret = 'x'.repeat(40)

describe('environment', () => {
	it('has working defaults for development', () => {
		const env = parseEnv({ NODE_ENV: 'development', SESSION_SECRET: secret })
		expect(env.PORT).toBe(3000)
		expect(env.DATABASE_URL).toBeUndefined()
		expect(env.PGLITE_DATA_DIR).toBe('var/db')
		expect(env.PGLITE_THREAD).toBe('on') // the server runs the embedded database in its own thread
		expect(env.PGLITE_PREPARED).toBe('on') // with its statements prepared once
		expect(env.PG_PREPARED).toBe('on') // PostgreSQL too (named statements)
		expect(parseEnv({ SESSION_SECRET: secret, PG_PREPARED: 'off' }).PG_PREPARED).toBe('off')
		expect(() => parseEnv({ SESSION_SECRET: secret, PG_PREPARED: 'nee' })).toThrow(/PG_PREPARED/)
		expect(env.PG_POOL_MAX).toBe(10) // node-postgres' own default
		expect(parseEnv({ SESSION_SECRET: secret, PG_POOL_MAX: '30' }).PG_POOL_MAX).toBe(30)
		expect(() => parseEnv({ SESSION_SECRET: secret, PG_POOL_MAX: '0' })).toThrow(/PG_POOL_MAX/)
		expect(() => parseEnv({ SESSION_SECRET: secret, PG_POOL_MAX: 'veel' })).toThrow(/PG_POOL_MAX/)
		expect(env.REGISTER_VERSION_MAX_AGE_MS).toBe(1000)
		expect(parseEnv({ SESSION_SECRET: secret, REGISTER_VERSION_MAX_AGE_MS: '0' }).REGISTER_VERSION_MAX_AGE_MS).toBe(0)
		expect(() => parseEnv({ SESSION_SECRET: secret, REGISTER_VERSION_MAX_AGE_MS: '-1' })).toThrow(
			/REGISTER_VERSION_MAX_AGE_MS/,
		)
	})

	it('lists every problem in Dutch', () => {
		try {
			parseEnv({ NODE_ENV: 'production', PORT: 'abc', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://x' })
			expect.unreachable()
		} catch (error) {
			expect(error).toBeInstanceOf(EnvError)
			const message = (error as Error).message
			expect(message).toContain('Ongeldige configuratie')
			expect(message).toContain('DATABASE_URL: moet een postgres://-URL zijn')
			expect(message).toContain('SMTP_URL: moet een smtp://- of smtps://-URL zijn')
			expect(message).toContain('SESSION_SECRET: is verplicht in productie')
			expect(message).toMatch(/PORT/)
		}
	})

	it('refuses a moved clock in production unless explicitly allowed', () => {
		const production = { NODE_ENV: 'production', SESSION_SECRET: secret, KEURMERK_NOW: '2027-03-31T23:59:00+02:00' }
		expect(() => parseEnv(production)).toThrow(/KEURMERK_NOW: is in productie geweigerd/)
		expect(parseEnv({ ...production, KEURMERK_ALLOW_CLOCK_OVERRIDE: '1' }).KEURMERK_NOW).toBe(
			'2027-03-31T23:59:00+02:00',
		)
		expect(() => parseEnv({ ...production, KEURMERK_NOW: undefined, KEURMERK_TEST_HOOKS: '1' })).toThrow(
			/KEURMERK_TEST_HOOKS/,
		)
		expect(() => parseEnv({ NODE_ENV: 'development', KEURMERK_NOW: 'morgen', SESSION_SECRET: secret })).toThrow(
			/ISO-tijdstip/,
		)
	})
})
