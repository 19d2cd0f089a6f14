// The register version on the embedded database (issue 17): read once per write, not once per
// request — every write there is this process's (app/lib/db/write-generation.server.ts) — and never
// stale: after any write that ended, through Prisma, in a transaction, straight on the adapter or
// failed, the next reader reads again and sees what the write did. On PostgreSQL every call reads.
import { afterEach, describe, expect, it } from 'vitest'
import { Prisma } from '#app/generated/prisma/client.ts'
import { db, directRows, getDatabase } from '#app/lib/db.server.ts'
import { registerVersion } from '#app/services/register-cache.server.ts'
import { createProviderWithMember } from '#test/fixtures/factories.ts'
import { type RawStatements, recordRawStatements } from '#test/fixtures/raw-statements.ts'

let raw: RawStatements | undefined
afterEach(() => raw?.restore())

const versionReads = () => raw!.texts().filter((sql) => sql.includes('"RegisterVersion"')).length
const counter = (version: string) => Number(version.split('.')[1])

describe('the register version', () => {
	it('is read once between writes on PGlite, at every call on PostgreSQL', async () => {
		const first = await registerVersion()
		raw = recordRawStatements()
		expect(await registerVersion()).toBe(first)
		expect(await registerVersion()).toBe(first)
		expect(versionReads()).toBe(getDatabase().kind === 'pglite' ? 0 : 2)
	})

	it('is read again after each kind of write, and shows it', async () => {
		const { provider } = await createProviderWithMember()
		const bump = Prisma.sql`UPDATE "RegisterVersion" SET version = version + 1 WHERE id = 1`
		const writes: [string, () => Promise<unknown>][] = [
			['a statement through Prisma', () => db.$executeRaw(bump)],
			['a transaction', () => db.$transaction(async (tx) => tx.$executeRaw(bump))],
			['a statement straight on the adapter', () => directRows(Prisma.sql`${bump} RETURNING version`)],
			[
				'a model write (the register triggers)',
				() => db.provider.update({ where: { id: provider.id }, data: { name: `Nieuw ${provider.id}` } }),
			],
		]
		for (const [what, write] of writes) {
			const before = await registerVersion()
			await write()
			const after = await registerVersion()
			expect(counter(after), what).toBeGreaterThan(counter(before))
			expect(await registerVersion(), what).toBe(after)
		}
	})

	it('is read again after a write that failed (it counts whatever its outcome)', async () => {
		await registerVersion()
		raw = recordRawStatements()
		await expect(db.$executeRaw`UPDATE "RegisterVersion" SET version = 'geen getal' WHERE id = 1`).rejects.toThrow()
		await registerVersion()
		expect(versionReads()).toBe(1)
	})
})
