// Issue 16 item 6: "what changed" on /normen/<year>. Seed 004 §3 lists what changed in 2022
// against 2021 (norms 1–4 changed, 5 and 6 hardly); the portal holds 2018 and 2022, so the page
// shows KiBG's own account against 2021 and — said as such — the comparison with 2018, the
// previous year it holds, with norms matched by content as well as by key.
import { describe, expect, it } from 'vitest'
import { assertNormSet } from '#app/domain/norm-set.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { loader as normsYearLoader } from '#app/routes/public/norms-year.tsx'
import { getRequest, routeArgs } from '#test/fixtures/requests.ts'
import { createYear, normSet2018 } from '#test/fixtures/years.ts'
import normSet2022Json from '#prisma/norm-sets/2022.json' with { type: 'json' }

describe('/normen/2022: what changed', () => {
	it('shows seed 004 §3 as KiBG wrote it, and compares with 2018 by content and key', async () => {
		await createYear(2018, {}, normSet2018)
		await createYear(2022, {}, assertNormSet(normSet2022Json))
		setClock(new Date('2026-06-01T10:00:00Z'))
		const page = (await normsYearLoader(routeArgs(getRequest('/normen/2022'), { year: '2022' }) as never)) as {
			normSet: { changes?: { since: number; norms: { code: string; change: string }[] } }
			previous: { year: number; diff: { norms: { changed: { key: string }[]; added: { key: string }[] } } } | null
		}
		// What seed 004 §3 lists as changed shows as changed.
		expect(page.normSet.changes?.since).toBe(2021)
		expect(page.normSet.changes?.norms.map((norm) => [norm.code, norm.change])).toEqual([
			['1', 'changed'],
			['2', 'changed'],
			['3', 'changed'],
			['4', 'changed'],
			['5', 'minor'],
			['6', 'minor'],
		])
		// The computed comparison is with the previous year the portal holds, and says so.
		expect(page.previous?.year).toBe(2018)
		expect(page.previous?.diff.norms.changed.map((norm) => norm.key)).toEqual([
			'shared-decision-making',
			'transparency',
			'continuous-improvement',
			'field-development',
		])
	})

	it('a later year copied from 2022 does not repeat the 2022 account', async () => {
		await createYear(2025)
		const page = (await normsYearLoader(routeArgs(getRequest('/normen/2025'), { year: '2025' }) as never)) as {
			normSet: { changes?: unknown }
			previous: { year: number } | null
		}
		expect(page.normSet.changes).toBeUndefined()
		expect(page.previous?.year).toBe(2022)
	})
})
