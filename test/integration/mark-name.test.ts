// Issue 16 item 7: the mark has the name in force for its year (DOMAIN.md §3: "Keurmerk Basis GGZ"
// until 2022, "Keurmerk Kortdurende Generalistische GGZ" from 2023), from the year's setting:
// the site in the running year, and the messages that belong to no year, say the same.
import { describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { loader as rootLoader } from '#app/root.tsx'
import { loader as homeLoader } from '#app/routes/public/home.tsx'
import { requestPasswordReset } from '#app/services/auth.server.ts'
import { markNameAt } from '#app/services/years.server.ts'
import { createUser } from '#test/fixtures/factories.ts'
import { dataOf, getRequest, routeArgs } from '#test/fixtures/requests.ts'
import { createYear } from '#test/fixtures/years.ts'

const OLD = 'Keurmerk Basis GGZ'
const NEW = 'Keurmerk Kortdurende Generalistische GGZ'

describe('the name of the mark, per year', () => {
	it('the site shows the name of the running year, from its setting', async () => {
		await createYear(2022)
		await createYear(2025, { markName: NEW })
		setClock(amsterdamInstant('2022-05-01', { hour: 12 }))
		expect(await markNameAt()).toBe(OLD)
		expect(dataOf<{ markName: string }>(await rootLoader(routeArgs(getRequest('/')) as never)).data.markName).toBe(OLD)

		setClock(amsterdamInstant('2025-05-01', { hour: 12 }))
		expect(await markNameAt()).toBe(NEW)
		expect(dataOf<{ markName: string }>(await rootLoader(routeArgs(getRequest('/')) as never)).data.markName).toBe(NEW)
		expect(((await homeLoader(routeArgs(getRequest('/')) as never)) as { markName: string }).markName).toBe(NEW)
		// A year without a row of its own (2026 here) keeps the latest year's name.
		setClock(amsterdamInstant('2026-05-01', { hour: 12 }))
		expect(await markNameAt()).toBe(NEW)
	})

	it('a message that belongs to no year (password reset) uses the name of the running year', async () => {
		await createYear(2024, { markName: NEW })
		setClock(amsterdamInstant('2024-06-01', { hour: 12 }))
		const user = await createUser({ password: 'een-lang-testwachtwoord' })
		await requestPasswordReset(user.email, '198.51.100.7')
		const mail = await db.outboxEmail.findFirstOrThrow({ where: { toAddress: user.email, template: 'password_reset' } })
		expect(mail.html).toContain(NEW)
		expect(mail.html).not.toContain(OLD)
	})
})
