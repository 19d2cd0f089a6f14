// The schema and the committed migrations agree, and every migration applies to an empty
// PGlite and an empty PostgreSQL. Also guards the pinned wasm schema engine (its API may change
// without warning) and the whole-script fix in app/lib/db/whole-scripts.server.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, cpSync, writeFileSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '#app/lib/db/client.server.ts'
import {
	applyMigrations,
	createMigration,
	diffMigrationsToSchema,
	migrationChecksum,
	migrationsDir,
	migrationsUpToDate,
} from '#app/lib/db/migrations.server.ts'
import { testDatabaseUrl, withDatabase } from '#test/setup/test-database.ts'

const committed = readdirSync(migrationsDir, { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.map((entry) => entry.name)
	.sort()

describe('migrations', () => {
	it('agree with prisma/schema.prisma (the diff is empty)', async () => {
		expect(await diffMigrationsToSchema()).toBe('')
	})

	it('apply to an empty PGlite and record checksums like prisma migrate deploy', async () => {
		const database = await openDatabase({ pgliteDataDir: 'memory://' })
		try {
			expect(await applyMigrations(database.adapterFactory)).toEqual(committed)
			const rows = await database.prisma.$queryRaw<
				{ migration_name: string; checksum: string; finished_at: Date | null }[]
			>`
				SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name`
			expect(rows.map((row) => row.migration_name)).toEqual(committed)
			for (const row of rows) {
				const sql = readFileSync(path.join(migrationsDir, row.migration_name, 'migration.sql'), 'utf8')
				expect(row.checksum).toBe(migrationChecksum(sql))
				expect(row.finished_at).not.toBeNull()
			}
			// A second run applies nothing.
			expect(await applyMigrations(database.adapterFactory)).toEqual([])
		} finally {
			await database.close()
		}
	})

	it.runIf(Boolean(testDatabaseUrl()))('apply to an empty PostgreSQL database', async () => {
		const url = testDatabaseUrl() as string
		const name = `keurmerk_migrations_${Date.now()}`
		const admin = new pg.Client({ connectionString: url })
		await admin.connect()
		await admin.query(`CREATE DATABASE ${name}`)
		try {
			const database = await openDatabase({ databaseUrl: withDatabase(url, name) })
			try {
				expect(await applyMigrations(database.adapterFactory)).toEqual(committed)
				expect(await applyMigrations(database.adapterFactory)).toEqual([])
				await expectAuditAppendOnly(database.prisma)
			} finally {
				await database.close()
			}
		} finally {
			await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
			await admin.end()
		}
	})

	it('keep the audit trail append-only in the database itself', async () => {
		const database = await openDatabase({ pgliteDataDir: 'memory://' })
		try {
			await applyMigrations(database.adapterFactory)
			await expectAuditAppendOnly(database.prisma)
		} finally {
			await database.close()
		}
	})

	it('are up to date only when every committed migration is recorded, unchanged (start-up then skips the engine)', async () => {
		const dir = copyMigrations()
		const database = await openDatabase({ pgliteDataDir: 'memory://' })
		try {
			expect(await migrationsUpToDate(database.prisma, dir)).toBe(false) // no _prisma_migrations yet
			await applyMigrations(database.adapterFactory, dir)
			expect(await migrationsUpToDate(database.prisma, dir)).toBe(true)
			const added = path.join(dir, '99990101000000_added')
			mkdirSync(added)
			writeFileSync(path.join(added, 'migration.sql'), 'CREATE TABLE "Added" (id int);\n')
			expect(await migrationsUpToDate(database.prisma, dir)).toBe(false)
			expect(await applyMigrations(database.adapterFactory, dir)).toEqual(['99990101000000_added'])
			expect(await migrationsUpToDate(database.prisma, dir)).toBe(true)
			// An applied migration edited afterwards: the engine decides what that means.
			writeFileSync(path.join(added, 'migration.sql'), 'CREATE TABLE "Added" (id bigint);\n')
			expect(await migrationsUpToDate(database.prisma, dir)).toBe(false)
		} finally {
			await database.close()
			rmSync(dir, { recursive: true, force: true })
		}
	})

	it('do not record a failing migration as applied', async () => {
		const dir = copyMigrations()
		const broken = path.join(dir, '99990101000000_broken')
		mkdirSync(broken)
		writeFileSync(path.join(broken, 'migration.sql'), 'CREATE TABLE "Broken" (id int);\nSELECT no_such_function();\n')
		const database = await openDatabase({ pgliteDataDir: 'memory://' })
		try {
			await expect(applyMigrations(database.adapterFactory, dir)).rejects.toThrow(/no_such_function/)
			const rows = await database.prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
				SELECT migration_name, finished_at FROM _prisma_migrations WHERE migration_name = '99990101000000_broken'`
			expect(rows).toHaveLength(1)
			expect(rows[0]?.finished_at).toBeNull()
			// A failed migration is never "up to date": start-up hands it to the engine, which reports it.
			expect(await migrationsUpToDate(database.prisma, dir)).toBe(false)
		} finally {
			await database.close()
			rmSync(dir, { recursive: true, force: true })
		}
	})

	it('create a migration file when the schema is ahead of the migrations', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'keurmerk-migrations-'))
		try {
			const written = await createMigration('everything', { dir, now: new Date('2030-01-02T03:04:05Z') })
			expect(written).toBe(path.join(dir, '20300102030405_everything'))
			const sql = readFileSync(path.join(written as string, 'migration.sql'), 'utf8')
			expect(sql).toContain('CREATE TABLE "Participation"')
			expect(readFileSync(path.join(dir, 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"')
			// Now they agree: nothing more to write.
			expect(await createMigration('again', { dir })).toBeNull()
		} finally {
			rmSync(dir, { recursive: true, force: true })
		}
	})
})

function copyMigrations(): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'keurmerk-migrations-'))
	cpSync(migrationsDir, dir, { recursive: true })
	return dir
}

async function expectAuditAppendOnly(prisma: Awaited<ReturnType<typeof openDatabase>>['prisma']) {
	const event = await prisma.auditEvent.create({
		data: { at: new Date(), actorType: 'system', action: 'test.append_only', entityType: 'Test', entityId: '1' },
	})
	await expect(prisma.auditEvent.update({ where: { id: event.id }, data: { action: 'changed' } })).rejects.toThrow(
		/append-only/,
	)
	await expect(prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/)
	const again = await prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } })
	expect(again.action).toBe('test.append_only')
}
