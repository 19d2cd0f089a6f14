// Per test file: a fresh database cloned from the migrated template, the clock back to real
// time after every test.
import { afterAll, afterEach, beforeAll } from 'vitest'
import { setClock } from '#app/lib/clock.server.ts'
import { closeDatabase, initDatabase } from '#app/lib/db.server.ts'
import { initEnv } from '#app/lib/env.server.ts'
import { cloneTemplate } from './test-database.ts'
import { testEnv } from './test-env.ts'

let dispose: (() => Promise<void>) | undefined

beforeAll(async () => {
	Object.assign(process.env, testEnv)
	initEnv()
	const clone = await cloneTemplate()
	dispose = clone.dispose
	await initDatabase({ databaseUrl: clone.databaseUrl, pgliteDataDir: clone.pgliteDataDir }, { migrate: false })
})

afterEach(() => {
	setClock(null)
})

afterAll(async () => {
	await closeDatabase()
	await dispose?.()
})
