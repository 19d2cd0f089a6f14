// A carrier delivers its indicators by form (autosave, conflicts) and by file (CSV/XLSX: every error
// with its row and column, nothing stored from a file with errors), submits, reads its report and
// the PDF (the same numbers and words), and attaches the PDF to its self-evaluation (2022 norm 4).
import writeXlsxFile from 'write-excel-file/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { distributionSvg } from '#app/components/charts/benchmark-svg.ts'
import { addDays, amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { ensureBenchmarkYear, makeCarrier, seedBenchmarkField } from '#app/lib/test-fixtures/benchmark.server.ts'
import { createListedParticipation } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import * as autosaveRoute from '#app/routes/provider/benchmark/autosave.ts'
import * as deliveryRoute from '#app/routes/provider/benchmark/delivery.tsx'
import * as pdfRoute from '#app/routes/provider/benchmark/report-pdf.ts'
import * as reportRoute from '#app/routes/provider/benchmark/report.tsx'
import * as templateRoute from '#app/routes/provider/benchmark/template.ts'
import * as normRoute from '#app/routes/provider/self-evaluation/norm.tsx'
import { createProviderWithMember } from '#test/fixtures/factories.ts'
import { pdfText } from '#test/fixtures/mail-smtp.ts'
import { tinyZip } from '#test/fixtures/office-files.ts'
import { dataOf, formRequest, getRequest, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'
import { multipartRequest } from './self-evaluation-helpers.ts'

const year = 2091
const CODES = [
	'finished-clients',
	'treatment-minutes',
	'within-800-share',
	'rom-pre-post-share',
	'weeks-to-start',
	'client-experience',
	'short-treatments-share',
]
const GOOD: Record<string, string> = {
	'finished-clients': '212',
	'treatment-minutes': '702',
	'within-800-share': '71,5',
	'rom-pre-post-share': '64.2',
	'weeks-to-start': '3,5',
	'client-experience': '8,4',
	'short-treatments-share': '12',
}

beforeAll(async () => {
	await ensureBenchmarkYear(year)
	await seedBenchmarkField({ year, count: 12, seed: 'levering' })
})

async function carrier() {
	const { provider, user } = await createProviderWithMember()
	// A fixed place: the province group (Utrecht, part of the seeded field) is always shown.
	await db.provider.update({ where: { id: provider.id }, data: { postcode: '3512 AA', province: null } })
	await makeCarrier(provider.id, year)
	setClock(amsterdamInstant(`${year + 1}-01-20`, { hour: 10 }))
	const cookie = await sessionCookieFor(user.id)
	const base = `/aanbieder/${provider.id}/spiegelrapportage/${year}`
	const params = { providerId: provider.id, year: String(year) }
	return { provider, user, cookie, base, params }
}

type Carrier = Awaited<ReturnType<typeof carrier>>

function formFields(values: Record<string, string>, versions: Record<string, number> = {}) {
	return Object.fromEntries(
		Object.entries(values).flatMap(([code, value]) => [
			[`${code}:number`, value],
			[`${code}:version`, String(versions[code] ?? 0)],
		]),
	)
}

async function post(context: Carrier, fields: Record<string, string>) {
	const request = formRequest(`${context.base}/aanleveren`, fields, context.cookie)
	return settle(() => deliveryRoute.action(routeArgs(request, context.params)))
}

async function upload(context: Carrier, file: File) {
	const request = multipartRequest(`${context.base}/aanleveren`, { file }, context.cookie)
	return settle(() => deliveryRoute.action(routeArgs(request, context.params)))
}

async function storedValues(providerId: string) {
	const rows = await db.indicatorValue.findMany({
		where: { delivery: { providerId, year } },
		include: { indicator: { select: { code: true } } },
	})
	return Object.fromEntries(rows.map((row) => [row.indicator.code, row.value]))
}

describe('delivery by form', () => {
	it('refuses bad numbers with a Dutch message per field and keeps what was typed; stores good ones', async () => {
		const context = await carrier()
		const bad = await post(context, {
			...formFields({ ...GOOD, 'within-800-share': '120', 'finished-clients': '1.234' }),
			intent: 'save',
		})
		const failed = dataOf<{ fieldErrors: Record<string, string[]>; values: Record<string, string> }>(bad.value)
		expect(failed.status).toBe(400)
		expect(failed.data.fieldErrors['within-800-share:number']).toEqual(['De waarde mag niet hoger zijn dan 100,0.'])
		expect(failed.data.fieldErrors['finished-clients:number']).toEqual(['Vul een heel getal in.'])
		expect(failed.data.values['within-800-share:number']).toBe('120')
		expect(await storedValues(context.provider.id)).toEqual({})

		const good = await post(context, { ...formFields(GOOD), intent: 'save' })
		expect(good.response?.status).toBe(302)
		expect(await storedValues(context.provider.id)).toMatchObject({
			'finished-clients': 212,
			'within-800-share': 71.5,
			'rom-pre-post-share': 64.2,
			'weeks-to-start': 3.5,
		})
	})

	it('autosaves one value; a stale version is a conflict that returns the colleague’s value, not an overwrite', async () => {
		const context = await carrier()
		const save = async (value: string, version: number) => {
			const request = formRequest(
				`${context.base}/waarde`,
				{
					evidenceKey: 'treatment-minutes',
					'treatment-minutes:number': value,
					'treatment-minutes:version': String(version),
				},
				context.cookie,
			)
			const { response } = await settle(() => autosaveRoute.action(routeArgs(request, context.params)))
			return { status: response!.status, body: (await response!.json()) as Record<string, unknown> }
		}
		expect(await save('650', 0)).toMatchObject({ status: 200, body: { ok: true, version: 1 } })
		// The same value on the old version: no conflict (the page form and the autosave may cross).
		expect(await save('650', 0)).toMatchObject({ status: 200, body: { ok: true, version: 1 } })
		const conflict = await save('700', 0)
		expect(conflict).toMatchObject({
			status: 409,
			body: { ok: false, reason: 'conflict', current: { number: 650, version: 1 } },
		})
		expect((await storedValues(context.provider.id))['treatment-minutes']).toBe(650)
		expect(await save('7000', 1)).toMatchObject({ status: 400, body: { ok: false, reason: 'invalid' } })
		// The page form on a stale version shows the conflict and keeps the typed value.
		const page = await post(context, { ...formFields({ 'treatment-minutes': '710' }), intent: 'save' })
		const data = dataOf<{ conflicts: { code: string; theirs: string }[] }>(page.value)
		expect(data.status).toBe(409)
		expect(data.data.conflicts).toEqual([{ code: 'treatment-minutes', theirs: '650' }])
	})

	it('submits only when complete; then the values are fixed, the field grows and the report exists', async () => {
		const context = await carrier()
		const partial = await post(context, { ...formFields({ 'finished-clients': '40' }), intent: 'submit' })
		expect(dataOf<{ formErrors: string[] }>(partial.value).data.formErrors).toEqual([
			'Vul eerst alle indicatoren in (nog open: 6).',
		])
		const versions = { 'finished-clients': 1 }
		const submitted = await post(context, { ...formFields(GOOD, versions), intent: 'submit' })
		expect(submitted.response?.status).toBe(302)
		expect(submitted.response?.headers.get('location')).toBe(context.base)
		const delivery = await db.benchmarkDelivery.findUniqueOrThrow({
			where: { providerId_year: { providerId: context.provider.id, year } },
		})
		expect(delivery).toMatchObject({ status: 'submitted', providerType: 'independent_practice' })
		const minutes = await db.benchmarkStatistic.findFirstOrThrow({
			where: { year, groupKind: 'all', indicator: { code: 'treatment-minutes' } },
		})
		expect(minutes.n).toBeGreaterThanOrEqual(13)
		const again = await post(context, {
			...formFields({ 'finished-clients': '1' }, { 'finished-clients': 2 }),
			intent: 'save',
		})
		expect(dataOf<{ formErrors: string[] }>(again.value).data.formErrors[0]).toContain('is ingediend')
		expect(await db.auditEvent.count({ where: { action: 'benchmark_delivery.submit', entityId: delivery.id } })).toBe(1)
	})

	it('is a 404 for a member of another provider and for a provider that was no carrier that year', async () => {
		const context = await carrier()
		const other = await createProviderWithMember()
		const otherCookie = await sessionCookieFor(other.user.id)
		const asOther = await settle(() =>
			deliveryRoute.loader(routeArgs(getRequest(`${context.base}/aanleveren`, otherCookie), context.params)),
		)
		expect(asOther.response?.status).toBe(404)
		const notCarrier = await settle(() =>
			deliveryRoute.loader(
				routeArgs(getRequest(`/aanbieder/${other.provider.id}/spiegelrapportage/${year}/aanleveren`, otherCookie), {
					providerId: other.provider.id,
					year: String(year),
				}),
			),
		)
		expect(notCarrier.response?.status).toBe(404)
		const pdf = await settle(() =>
			pdfRoute.loader(routeArgs(getRequest(`${context.base}/pdf`, otherCookie), context.params)),
		)
		expect(pdf.response?.status).toBe(404)
	})
})

describe('delivery by file', () => {
	const header = ['code', 'indicator', 'eenheid', 'bereik', 'waarde']

	it('reads a good XLSX and a good CSV (Dutch Excel: semicolons, decimal commas, BOM)', async () => {
		const context = await carrier()
		const xlsx = await writeXlsxFile([
			header,
			...CODES.map((code) => [code, '', '', '', Number(GOOD[code]!.replace(',', '.'))]),
		]).toBuffer()
		const fromXlsx = await upload(context, new File([new Uint8Array(xlsx)], 'indicatoren.xlsx'))
		expect(fromXlsx.response?.status).toBe(302)
		expect(await storedValues(context.provider.id)).toMatchObject({
			'treatment-minutes': 702,
			'within-800-share': 71.5,
		})
		expect((await db.benchmarkDelivery.findFirstOrThrow({ where: { providerId: context.provider.id } })).source).toBe(
			'xlsx',
		)

		const csv = `\uFEFF${header.map((cell) => `"${cell}"`).join(';')}\r\n${CODES.map((code) => `"${code}";"";"";"";"${code === 'treatment-minutes' ? '690' : GOOD[code]}"`).join('\r\n')}\r\n`
		const fromCsv = await upload(context, new File([csv], 'indicatoren.csv', { type: 'text/csv' }))
		expect(fromCsv.response?.status).toBe(302)
		expect(await storedValues(context.provider.id)).toMatchObject({ 'treatment-minutes': 690, 'weeks-to-start': 3.5 })
	})

	it('offers the template it reads back', async () => {
		const context = await carrier()
		const { response } = await settle(() =>
			templateRoute.loader(routeArgs(getRequest(`${context.base}/sjabloon.xlsx`, context.cookie), context.params)),
		)
		expect(response?.headers.get('content-type')).toContain('spreadsheetml')
		const template = new Uint8Array(await response!.arrayBuffer())
		// An empty template is a valid (empty) delivery: every row is there.
		expect((await upload(context, new File([template], 'sjabloon.xlsx'))).response?.status).toBe(302)
		const csv = await settle(() =>
			templateRoute.loader(routeArgs(getRequest(`${context.base}/sjabloon.csv`, context.cookie), context.params)),
		)
		const text = await csv.response!.text()
		expect(text).toContain('"code";"indicator";"eenheid";"bereik";"waarde"')
		expect(text).toContain('"treatment-minutes";"Gemiddelde behandelduur per afgesloten behandeling";"minuten"')
	})

	it('reports every error with its row and column and stores nothing', async () => {
		const context = await carrier()
		await post(context, { ...formFields({ 'treatment-minutes': '640' }), intent: 'save' })
		const before = await storedValues(context.provider.id)
		const rows = [
			header.join(';'),
			'finished-clients;;;;veel',
			'treatment-minutes;;;;9999',
			'bestaat-niet;;;;3',
			'within-800-share;;;;71,55',
			'finished-clients;;;;4',
			'rom-pre-post-share;;;;60',
			'weeks-to-start;;;;2',
			'client-experience;;;;0',
		]
		const { value } = await upload(context, new File([rows.join('\n')], 'fouten.csv'))
		const failed = dataOf<{ fileErrors: string[] }>(value)
		expect(failed.status).toBe(400)
		expect(failed.data.fileErrors).toEqual([
			'Rij 2, kolom E: Cliënten met een afgesloten behandeling in het jaar: Vul een getal in, bijvoorbeeld 62,5.',
			'Rij 3, kolom E: Gemiddelde behandelduur per afgesloten behandeling: De waarde mag niet hoger zijn dan 6.000.',
			'Rij 4, kolom A: Onbekende indicator "bestaat-niet".',
			'Rij 5, kolom E: Aandeel behandelingen afgesloten binnen 800 minuten: Gebruik hoogstens 1 decimaal.',
			'Rij 6, kolom A: Indicator finished-clients staat ook al in rij 2.',
			'Rij 9, kolom E: Cliëntervaringsscore: De waarde mag niet lager zijn dan 1,0.',
			'De rij van indicator short-treatments-share (Aandeel behandelingen van ten hoogste twee gesprekken) ontbreekt.',
		])
		expect(await storedValues(context.provider.id)).toEqual(before)
		expect(
			await db.auditEvent.count({ where: { action: 'benchmark_delivery.import', providerId: context.provider.id } }),
		).toBe(0)
	})

	it('refuses what is not a delivery file before parsing: other types, disguised files, declared zip bombs', async () => {
		const context = await carrier()
		const refusal = async (file: File) =>
			dataOf<{ fileErrors: string[] }>((await upload(context, file)).value).data.fileErrors
		expect(await refusal(new File(['%PDF-1.4'], 'indicatoren.pdf'))).toEqual(['benchmark.uploadBadType'])
		expect(await refusal(new File(['code;waarde'], 'indicatoren.xlsx'))).toEqual(['benchmark.uploadBadType'])
		expect(await refusal(new File(['a\u0000b'], 'indicatoren.csv'))).toEqual(['benchmark.uploadBadType'])
		const zip = tinyZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' })
		// Declare 50 MB unpacked for the first entry: refused before anything is inflated.
		const view = new DataView(zip.buffer)
		const central = zip.findIndex((_, index) => view.getUint32(index, true) === 0x02014b50)
		view.setUint32(central + 24, 50 * 1024 * 1024, true)
		expect(await refusal(new File([zip], 'bom.xlsx'))).toEqual(['benchmark.uploadUnreadable'])
		expect(await refusal(new File([new Uint8Array(1024 * 1024 + 1)], 'groot.csv'))).toEqual([
			'benchmark.uploadTooLarge',
		])
		expect(await storedValues(context.provider.id)).toEqual({})
	})
})

describe('report, PDF and the self-evaluation', () => {
	it('shows the position in words and charts; the PDF says the same; it attaches to norm 4 of the running year', async () => {
		const { provider, user } = await createProviderWithMember()
		await db.provider.update({ where: { id: provider.id }, data: { postcode: '3512 AA', province: null } })
		// The running year's self-evaluation (2092) is a draft: the report can be attached to it.
		await createListedParticipation({ year: year + 1, providerId: provider.id })
		await makeCarrier(provider.id, year)
		setClock(amsterdamInstant(`${year + 1}-01-20`, { hour: 10 }))
		const context = {
			provider,
			user,
			cookie: await sessionCookieFor(user.id),
			base: `/aanbieder/${provider.id}/spiegelrapportage/${year}`,
			params: { providerId: provider.id, year: String(year) },
		}
		// Not submitted yet: the report leads to the delivery.
		const early = await settle(() =>
			reportRoute.loader(routeArgs(getRequest(context.base, context.cookie), context.params)),
		)
		expect(early.response?.headers.get('location')).toBe(`${context.base}/aanleveren`)
		expect((await post(context, { ...formFields(GOOD), intent: 'submit' })).response?.status).toBe(302)

		const page = (await reportRoute.loader(
			routeArgs(getRequest(context.base, context.cookie), context.params),
		)) as Awaited<ReturnType<typeof reportRoute.loader>>
		const minutes = page.view.indicators.find((indicator) => indicator.code === 'treatment-minutes')!
		expect(minutes.value).toBe('702 minuten')
		expect(minutes.reading).toMatch(
			/^Uw gemiddelde behandelduur per afgesloten behandeling ligt (in het (eerste|tweede|derde|vierde) kwartiel van alle aanbieders \(percentiel \d+\)|precies op de mediaan van alle aanbieders)\.$/,
		)
		expect(minutes.norm).toBe('Hoort bij norm 2')
		expect(distributionSvg(minutes.distributionChart!)).toMatch(/^<svg [^>]*role="img"/)
		expect(minutes.groups.map((group) => group.label)).toEqual([
			'Alle aanbieders',
			'Vrijgevestigde aanbieders',
			'Provincie Utrecht',
		])
		expect(page.attach).toEqual({ year: year + 1, normCode: '4' })

		const { response } = await settle(() =>
			pdfRoute.loader(routeArgs(getRequest(`${context.base}/pdf`, context.cookie), context.params)),
		)
		expect(response?.headers.get('content-type')).toBe('application/pdf')
		const pdfBytes = new Uint8Array(await response!.arrayBuffer())
		const text = pdfText(pdfBytes).replace(/\s+/g, ' ')
		expect(text).toContain(`Spiegelrapportage ${year}`)
		expect(text).toContain('Keurmerk Kortdurende Generalistische GGZ')
		for (const indicator of page.view.indicators) {
			expect(text).toContain(indicator.label)
			expect(text).toContain(indicator.reading)
			expect(text).toContain(`Uw waarde: ${indicator.value}`)
			if (indicator.norm) expect(text).toContain(indicator.norm)
			for (const group of indicator.groups)
				expect(text).toContain(
					`${group.label} ${group.n} ${group.p10} ${group.p25} ${group.p50} ${group.p75} ${group.p90}`,
				)
		}

		// The page numbers speak the reader's language, like the rest of the report.
		expect(text).toMatch(/pagina 1 van \d+/)
		await db.user.update({ where: { id: context.user.id }, data: { locale: 'en' } })
		const english = await settle(() =>
			pdfRoute.loader(routeArgs(getRequest(`${context.base}/pdf`, context.cookie), context.params)),
		)
		const englishText = pdfText(new Uint8Array(await english.response!.arrayBuffer())).replace(/\s+/g, ' ')
		expect(englishText).toMatch(/page 1 of \d+/)
		expect(englishText).not.toContain('pagina')
		await db.user.update({ where: { id: context.user.id }, data: { locale: 'nl' } })

		const attach = await settle(() =>
			reportRoute.action(routeArgs(formRequest(context.base, { intent: 'attach' }, context.cookie), context.params)),
		)
		expect(attach.response?.headers.get('location')).toBe(
			`/aanbieder/${provider.id}/zelfevaluatie/${year + 1}/norm/4#vraag-improvement-from-data.example`,
		)
		const norm = (await normRoute.loader(
			routeArgs(getRequest(`/aanbieder/${provider.id}/zelfevaluatie/${year + 1}/norm/4`, context.cookie), {
				providerId: provider.id,
				year: String(year + 1),
				normCode: '4',
			}),
		)) as Awaited<ReturnType<typeof normRoute.loader>>
		expect(norm.rows['improvement-from-data.example']?.documents.map((document) => document.name)).toEqual([
			`spiegelrapportage-${year}.pdf`,
		])
		// Attaching again replaces the earlier copy instead of piling them up.
		await settle(() =>
			reportRoute.action(routeArgs(formRequest(context.base, { intent: 'attach' }, context.cookie), context.params)),
		)
		const documents = await db.answerDocument.count({
			where: { file: { kind: 'benchmark_report', providerId: provider.id } },
		})
		expect(documents).toBe(1)
	})
})

describe('reminders', () => {
	it('reminds carriers that have not submitted, on the set days, once per day and address', async () => {
		const reminderYear = 2095
		await ensureBenchmarkYear(reminderYear)
		const [delivered] = await seedBenchmarkField({ year: reminderYear, count: 1, seed: 'herinnering' })
		const waiting = await createProviderWithMember()
		await makeCarrier(waiting.provider.id, reminderYear)
		const { runJob } = await import('#app/jobs/runner.server.ts')
		const mails = () =>
			db.outboxEmail.findMany({
				where: { template: 'benchmark_reminder' },
				select: { providerId: true, dedupeKey: true, subject: true },
			})
		// Before the first reminder day (1 March − 14 days): nothing.
		await runJob('benchmark-reminders', { at: amsterdamInstant(`${reminderYear + 1}-02-14`, { hour: 6 }) })
		expect(await mails()).toEqual([])
		await runJob('benchmark-reminders', { at: amsterdamInstant(`${reminderYear + 1}-02-15`, { hour: 6 }) })
		await runJob('benchmark-reminders', { at: amsterdamInstant(`${reminderYear + 1}-02-16`, { hour: 6 }) })
		// To the organisation's address and the member, once although the job ran twice.
		const sent = await mails()
		expect(sent).toHaveLength(2)
		expect(sent[0]).toMatchObject({
			providerId: waiting.provider.id,
			subject: `Over 14 dagen: indicatoren ${reminderYear} voor de spiegelrapportage aanleveren`,
		})
		expect(sent.some((mail) => mail.providerId === delivered!.providerId)).toBe(false)
		// 2096 is a leap year: three days before 1 March is 27 February.
		await runJob('benchmark-reminders', { at: amsterdamInstant(addDays(`${reminderYear + 1}-03-01`, -3), { hour: 6 }) })
		expect((await mails()).map((mail) => mail.subject)).toContain(
			`Over 3 dagen: indicatoren ${reminderYear} voor de spiegelrapportage aanleveren`,
		)
		expect(new Set((await mails()).map((mail) => mail.providerId))).toEqual(new Set([waiting.provider.id]))
		// After the due date: no more reminders.
		await runJob('benchmark-reminders', { at: amsterdamInstant(`${reminderYear + 1}-03-02`, { hour: 6 }) })
		expect(await mails()).toHaveLength(4)
	})
})
