// Test databases: one migrated template, made once per run, copied for every test file.
// PGlite by default (a migrated data directory, cloned); PostgreSQL when TEST_DATABASE_URL is set
// (a template database, cloned with CREATE DATABASE … TEMPLATE).
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs'
import { createHash, randomUUID } from 'node:crypto'
import path from 'node:path'
import pg from 'pg'
import { openDatabase } from '#app/lib/db/client.server.ts'
import { applyMigrations } from '#app/lib/db/migrations.server.ts'
import { fromRoot } from '#app/lib/paths.server.ts'

export const testRoot = fromRoot('var/test')
const templateDir = path.join(testRoot, 'template')
// One template per checkout, so two checkouts can test against one PostgreSQL server at once.
const templateDatabase = `keurmerk_test_template_${createHash('sha256').update(fromRoot('.')).digest('hex').slice(0, 8)}`

export function testDatabaseUrl(): string | undefined {
	return process.env.TEST_DATABASE_URL || undefined
}

export async function createTemplate(): Promise<void> {
	const url = testDatabaseUrl()
	if (url) {
		await withAdmin(url, async (client) => {
			await client.query(`DROP DATABASE IF EXISTS ${templateDatabase}`)
			await client.query(`CREATE DATABASE ${templateDatabase}`)
		})
		const database = await openDatabase({ databaseUrl: withDatabase(url, templateDatabase) })
		await applyMigrations(database.adapterFactory)
		await database.close()
		return
	}
	rmSync(templateDir, { recursive: true, force: true })
	mkdirSync(testRoot, { recursive: true })
	const database = await openDatabase({ pgliteDataDir: templateDir })
	await applyMigrations(database.adapterFactory)
	await database.close()
}

/** A fresh copy of the template for one test file; returns its config and a disposer. */
export async function cloneTemplate(): Promise<{
	databaseUrl?: string
	pgliteDataDir?: string
	dispose(): Promise<void>
}> {
	const url = testDatabaseUrl()
	const name = `keurmerk_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`
	if (url) {
		await withAdmin(url, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase}`))
		return {
			databaseUrl: withDatabase(url, name),
			dispose: () =>
				withAdmin(url, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
		}
	}
	if (!existsSync(templateDir)) throw new Error('Geen testsjabloon: draai de tests via vitest (globalSetup)')
	const dir = path.join(testRoot, name)
	cpSync(templateDir, dir, { recursive: true, filter: (source) => !source.endsWith('.keurmerk.lock') })
	return {
		pgliteDataDir: dir,
		dispose: async () => rmSync(dir, { recursive: true, force: true }),
	}
}

export async function dropTemplate(): Promise<void> {
	const url = testDatabaseUrl()
	if (url) await withAdmin(url, (client) => client.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`))
	else rmSync(templateDir, { recursive: true, force: true })
}

export function withDatabase(url: string, database: string): string {
	const parsed = new URL(url)
	parsed.pathname = `/${database}`
	return parsed.toString()
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		return await work(client)
	} finally {
		await client.end()
	}
}
