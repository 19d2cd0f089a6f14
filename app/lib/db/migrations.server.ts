// Committed SQL migrations in prisma/migrations, applied and created through the wasm schema
// engine. `apply` is `prisma migrate deploy`: it writes the standard `_prisma_migrations` rows
// (checksum = sha256 of migration.sql), so a later switch back to the Prisma CLI just works.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { fromRoot } from '../paths.server.ts'
import { createPGlite, pgliteAdapterFactory } from './pglite.server.ts'
import { type MigrationList, noFilters, openSchemaEngine } from './schema-engine.server.ts'

export const schemaPath = fromRoot('prisma/schema.prisma')
export const migrationsDir = fromRoot('prisma/migrations')
const lockfileName = 'migration_lock.toml'

export async function readMigrations(dir = migrationsDir): Promise<MigrationList> {
	const entries = existsSync(dir) ? await readdir(dir, { withFileTypes: true }) : []
	const directories = entries
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort()
	const lockPath = path.join(dir, lockfileName)
	return {
		baseDir: dir,
		lockfile: {
			path: lockfileName,
			content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null,
		},
		shadowDbInitScript: '',
		migrationDirectories: await Promise.all(
			directories.map(async (name) => {
				const file = path.join(dir, name, 'migration.sql')
				const content = existsSync(file)
					? { tag: 'ok' as const, value: await readFile(file, 'utf8') }
					: { tag: 'error' as const, value: `${file} ontbreekt` }
				return { path: name, migrationFile: { path: 'migration.sql', content } }
			}),
		),
	}
}

/**
 * Whether every committed migration is recorded in `_prisma_migrations` as finished, with its
 * checksum, and no migration failed: then there is nothing for the schema engine to do, and
 * start-up does not load it (issue 17: compiling and instantiating the 5 MB engine cost ~1 s and
 * tens of megabytes that stay resident for the life of the process). Anything else — no table
 * yet, a new or changed migration, a failed one — is the engine's to apply or to report.
 */
export async function migrationsUpToDate(prisma: PrismaClient, dir = migrationsDir): Promise<boolean> {
	const { migrationDirectories } = await readMigrations(dir)
	let rows: { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }[]
	try {
		rows = await prisma.$queryRawUnsafe(
			'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
		)
	} catch {
		return false // no table: a new database
	}
	if (rows.some((row) => row.finished_at === null && row.rolled_back_at === null)) return false
	const applied = new Map(
		rows.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row.checksum] as const),
	)
	return migrationDirectories.every(
		({ path: name, migrationFile: { content } }) =>
			content.tag === 'ok' && applied.get(name) === migrationChecksum(content.value),
	)
}

/** Applies every migration not yet in `_prisma_migrations`; returns the names it applied. */
export async function applyMigrations(
	factory: SqlMigrationAwareDriverAdapterFactory,
	dir = migrationsDir,
): Promise<string[]> {
	const migrationsList = await readMigrations(dir)
	const { engine, explain, close } = await openSchemaEngine(factory)
	try {
		const result = await engine.applyMigrations({ migrationsList, filters: noFilters }).catch((error: unknown) => {
			throw explain(error)
		})
		return result.appliedMigrationNames
	} finally {
		await close()
	}
}

/**
 * The SQL that takes a database from the committed migrations to the current schema.prisma; an
 * empty string means they agree. Runs entirely in an in-memory PGlite (the engine replays the
 * migrations in a shadow database), so it never touches a real database.
 */
export async function diffMigrationsToSchema(dir = migrationsDir): Promise<string> {
	const schema = await readFile(schemaPath, 'utf8')
	const migrationsList = await readMigrations(dir)
	const client = createPGlite()
	const { engine, explain, close } = await openSchemaEngine(pgliteAdapterFactory(client))
	try {
		const result = await engine
			.diff({
				from:
					migrationsList.migrationDirectories.length > 0 ? { tag: 'migrations', ...migrationsList } : { tag: 'empty' },
				to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
				script: true,
				exitCode: null,
				filters: noFilters,
			})
			.catch((error: unknown) => {
				throw explain(error)
			})
		const sql = (result.stdout ?? '').trim()
		return isEmptyDiff(sql) ? '' : sql
	} finally {
		await close()
		await client.close()
	}
}

function isEmptyDiff(sql: string): boolean {
	return sql === '' || /^-- This is an empty migration\.?$/.test(sql)
}

/** Writes prisma/migrations/<timestamp>_<name>/migration.sql; null when there is nothing to do. */
export async function createMigration(
	name: string,
	{ now = new Date(), dir = migrationsDir } = {},
): Promise<string | null> {
	const slug = name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '')
	if (!slug) throw new Error('Geef de migratie een naam, bijvoorbeeld: npm run db:migration -- add_invoices')
	const sql = await diffMigrationsToSchema(dir)
	if (!sql) return null
	const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14)
	const target = path.join(dir, `${stamp}_${slug}`)
	await mkdir(target, { recursive: true })
	await writeFile(path.join(target, 'migration.sql'), `${sql}\n`)
	const lockPath = path.join(dir, lockfileName)
	if (!existsSync(lockPath)) {
		await writeFile(
			lockPath,
			'# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
		)
	}
	return target
}

export function migrationChecksum(sql: string): string {
	return createHash('sha256').update(sql).digest('hex')
}
