// The participations table through its route: filtering by city and by what is overdue (revision
// or invoice), and the CSV of exactly those rows — Dutch Excel format (`;`, BOM, CRLF) with
// formula injection neutralised.
import { describe, expect, it } from 'vitest'
import * as participationRoute from '#app/routes/staff/participation.tsx'
import * as participationsRoute from '#app/routes/staff/participations.tsx'
import * as participationsCsv from '#app/routes/staff/participations-csv.ts'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { createQualifiedParticipation, reportTurnover } from '#app/lib/test-fixtures/fees.server.ts'
import { createQualifiedParticipations } from '#app/lib/test-fixtures/staff.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { systemActor } from '#app/services/audit.server.ts'
import { issueInvoice } from '#app/services/invoices.server.ts'
import { createProvider, createUser } from '#test/fixtures/factories.ts'
import { sessionCookieFor } from '#test/fixtures/requests.ts'
import { callLoader } from '#test/fixtures/staff-routes.ts'
import { refusalError } from '#app/domain/errors.ts'

const YEAR = 2074

async function world() {
	await ensureMarkYear(YEAR)
	const make = async (name: string, city: string) => {
		const provider = await createProvider({ name, city })
		return createQualifiedParticipation({ providerId: provider.id, year: YEAR })
	}
	const haag = await make('Praktijk Hofstad', 'Den Haag')
	const formula = await make('=HYPERLINK("https://kwaad.example") GGZ', 'Den Bosch')
	const groningen = await make('Praktijk Stad', 'Groningen')
	// Groningen's invoice is due 1 April of the next year; a revision of Den Haag was due 20 April.
	const reporter = await createUser()
	await reportTurnover({
		participationId: groningen.id,
		amountCents: 50_000_00n,
		reportedById: reporter.id,
		at: amsterdamInstant(`${YEAR + 1}-02-01`),
	})
	const issuedAt = amsterdamInstant(`${YEAR + 1}-03-02`, { hour: 9 })
	setClock(issuedAt)
	const issued = await db.$transaction((tx) => issueInvoice(tx, groningen.id, systemActor, issuedAt))
	if (!issued.issued) throw refusalError(issued.refusal)
	await db.participation.update({
		where: { id: haag.id },
		data: { state: 'revision_requested', revisionDueAt: amsterdamInstant(`${YEAR + 1}-04-20`) },
	})
	setClock(amsterdamInstant(`${YEAR + 1}-05-15`, { hour: 10 }))
	const cookie = await sessionCookieFor((await createUser({ staffRole: 'assessor' })).id)
	return { haag, formula, groningen, cookie }
}

async function names(search: string, cookie: string) {
	const page = await callLoader(participationsRoute, `/medewerkers/deelnames?jaar=${YEAR}&${search}`, {}, cookie)
	return (page.value as { rows: { provider: { name: string } }[] }).rows.map((row) => row.provider.name)
}

describe('participations table', () => {
	it('filters by city and by overdue revision or invoice, and exports exactly those rows as Dutch CSV', async () => {
		const { cookie, haag, formula, groningen } = await world()
		expect(await names('', cookie)).toHaveLength(3)
		expect(await names('city=den', cookie)).toEqual(['=HYPERLINK("https://kwaad.example") GGZ', 'Praktijk Hofstad'])
		expect(await names('city=GRONINGEN', cookie)).toEqual(['Praktijk Stad'])
		expect(await names('city=Utrecht', cookie)).toEqual([])
		expect(await names('overdue=revision', cookie)).toEqual(['Praktijk Hofstad'])
		expect(await names('overdue=invoice', cookie)).toEqual(['Praktijk Stad'])
		expect(await names('overdue=revision&overdue=invoice&sort=-provider', cookie)).toEqual([
			'Praktijk Stad',
			'Praktijk Hofstad',
		])
		expect(await names('overdue=revision&city=groningen', cookie)).toEqual([])

		const { response } = await callLoader(
			participationsCsv,
			`/medewerkers/deelnames/csv?jaar=${YEAR}&city=den`,
			{},
			cookie,
		)
		expect(response?.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
		expect(response?.headers.get('Content-Disposition')).toMatch(
			new RegExp(`^attachment; filename="deelnames-${YEAR}\\.csv"`),
		)
		const bytes = new Uint8Array(await response!.arrayBuffer())
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		const lines = new TextDecoder().decode(bytes).split('\r\n')
		expect(lines).toHaveLength(4) // header, two rows, the final CRLF
		expect(lines[0]).toBe(
			'"Zorgaanbieder";"KvK-nummer";"Plaats";"Soort";"Jaar";"Status";"Status sinds";"Beoordelaar";"Aanpassing uiterlijk";"In register vanaf";"In register t/m";"Heraanvrager"',
		)
		// Issue 16: the register window's end as the inclusive last day, not "1 januari … om 00:00".
		// A name that a spreadsheet would run as a formula starts with an apostrophe; quotes doubled.
		expect(lines[1]).toMatch(
			/^"'=HYPERLINK\(""https:\/\/kwaad\.example""\) GGZ";"\d{8}";"Den Bosch";"Vrijgevestigde aanbieder";"2074";"Gekwalificeerd";"2074-02-15 10:00";"";"";"2074-01-01 00:00";"2074-12-31";"nee"$/,
		)
		expect(lines[2]).toMatch(
			/^"Praktijk Hofstad";"\d{8}";"Den Haag";.*"Aanpassing gevraagd";.*"2075-04-20 00:00";"2074-01-01 00:00";"2074-12-31"/,
		)

		const overdue = await callLoader(
			participationsCsv,
			`/medewerkers/deelnames/csv?jaar=${YEAR}&overdue=invoice`,
			{},
			cookie,
		)
		const overdueLines = (await overdue.response!.text()).split('\r\n').filter(Boolean)
		expect(overdueLines.slice(1).map((line) => line.split(';')[0])).toEqual(['"Praktijk Stad"'])

		// The participation page shows the provider's next deadline: the overdue revision, the
		// turnover report (due 1 March) — and nothing once the turnover is reported.
		const page = async (id: string) =>
			(await callLoader(participationRoute, `/medewerkers/deelnames/${id}`, { participationId: id }, cookie)).value as {
				deadline: { kind: string; overdue: boolean; daysLeft: number } | null
			}
		expect((await page(haag.id)).deadline).toMatchObject({ kind: 'submit_revision', overdue: true, daysLeft: -25 })
		expect((await page(formula.id)).deadline).toMatchObject({ kind: 'report_turnover', overdue: true })
		expect((await page(groningen.id)).deadline).toBeNull()
	})

	it('counts per state are right, ticked states or not, and every state can be chosen (issue 12 §8)', async () => {
		const year = 2076
		await ensureMarkYear(year)
		const ids = await createQualifiedParticipations({ year, count: 4, prefix: 'Telling' })
		// One withdrawn, one in Zwolle among the qualified (the fixture alternates Zwolle and Utrecht).
		await db.participation.update({ where: { id: ids[3]! }, data: { state: 'withdrawn' } })
		const cookie = await sessionCookieFor((await createUser({ staffRole: 'assessor' })).id)
		const load = async (search: string) =>
			(await callLoader(participationsRoute, `/medewerkers/deelnames?jaar=${year}&${search}`, {}, cookie)).value as {
				counts: Record<string, number>
				rows: { state: string }[]
				total: number
			}
		const none = await load('')
		expect(none.counts).toEqual({ qualified: 3, withdrawn: 1 })
		// Ticking states narrows the rows, never the counts of the state facet.
		const one = await load('state=qualified')
		expect(one.counts).toEqual({ qualified: 3, withdrawn: 1 })
		expect(one.total).toBe(3)
		const two = await load('state=qualified&state=withdrawn')
		expect(two.counts).toEqual({ qualified: 3, withdrawn: 1 })
		expect(two.total).toBe(4)
		expect((await load('state=withdrawn')).rows.map((row) => row.state)).toEqual(['withdrawn'])
		// Other filters do narrow the counts.
		expect((await load('city=Utrecht')).counts).toEqual({ qualified: 1, withdrawn: 1 })
		// An empty state parameter is no filter at all.
		expect((await load('state=')).total).toBe(4)
	})
})
