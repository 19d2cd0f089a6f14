// The norm-set editor through its routes: the set's page (/medewerkers/normen/:year) and one page
// per norm (/medewerkers/normen/:year/norm/:normKey). Every evidence kind is edited with form
// fields (no JSON); adding and removing items are Conform intents of the same form (no JavaScript
// needed); invalid input is answered with errors next to the fields and nothing stored or lost; a
// stale version is refused as a conflict; a published set stays read-only.
import { describe, expect, it } from 'vitest'
import * as normRoute from '#app/routes/staff/norm-set/norm.tsx'
import * as overviewRoute from '#app/routes/staff/norm-set/overview.tsx'
import { type NormValue, newEvidenceValue, normValue } from '#app/routes/staff/norm-set/+shared/norm-form.ts'
import type { EvidenceItemOf, Norm } from '#app/domain/norm-set.ts'
import type { EvidenceKind } from '#app/domain/types.ts'
import { staff as dutch } from '#app/i18n/nl/staff.ts'
import { db } from '#app/lib/db.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { formFields } from '#test/fixtures/conform.ts'
import { createUser } from '#test/fixtures/factories.ts'
import { dataOf, sessionCookieFor } from '#test/fixtures/requests.ts'
import { callAction, callLoader } from '#test/fixtures/staff-routes.ts'

type Reply = { result: { error?: Record<string, string[] | null>; initialValue?: NormValue } }

const insert = (name: string, defaultValue: unknown) => ({
	__intent__: JSON.stringify({ type: 'insert', payload: { name, defaultValue } }),
})
const remove = (name: string, index: number) => ({
	__intent__: JSON.stringify({ type: 'remove', payload: { name, index } }),
})

/** A published year and the next year with a draft copy of its norms. */
async function draftYear(published: number) {
	await ensureMarkYear(published)
	const year = published + 1
	await ensureMarkYear(year, { withNormSet: false })
	const admin = await createUser({ staffRole: 'admin' })
	const cookie = await sessionCookieFor(admin.id)
	const copied = await callAction(
		overviewRoute,
		`/medewerkers/normen/${year}`,
		{ year: String(year) },
		{ intent: 'copy' },
		cookie,
	)
	expect(copied.response?.status).toBe(302)
	const norm = (await loadNormSet(year))!.normSet.themes[0]!.norms[0]!
	const { version } = await db.normSet.findUniqueOrThrow({ where: { year } })
	const params = { year: String(year), normKey: norm.key }
	return { year, cookie, norm, version, params, path: `/medewerkers/normen/${year}/norm/${norm.key}` }
}

async function openNorm(path: string, params: Record<string, string>, cookie: string): Promise<NormValue> {
	const page = dataOf<{ norm: Norm; version: number }>((await callLoader(normRoute, path, params, cookie)).value).data
	return normValue(page.norm, page.version)
}

describe('norm-set editor', () => {
	it('edits every evidence kind with form fields, combination and applicability as selects', async () => {
		const { year, cookie, norm, path, params, version } = await draftYear(2081)
		let value = await openNorm(path, params, cookie)
		// Add one item of each kind to the first criterion; adding saves nothing yet.
		const kinds: EvidenceKind[] = ['explanation', 'template_upload', 'number', 'url', 'example', 'declaration']
		for (const kind of kinds) {
			const added = await callAction(
				normRoute,
				path,
				params,
				{ ...formFields(value), ...insert('criteria[0].evidence', newEvidenceValue(kind)) },
				cookie,
			)
			const reply = dataOf<Reply>(added.value)
			expect(reply.status).toBe(200)
			value = reply.data.result.initialValue!
		}
		expect(value.criteria[0]!.evidence.map((item) => item.kind).slice(-6)).toEqual(kinds)
		expect((await db.normSet.findUniqueOrThrow({ where: { year } })).version).toBe(version)

		const fields = formFields(value)
		const at = value.criteria[0]!.evidence.length - 6
		const item = (offset: number, name: string, text: string) =>
			(fields[`criteria[0].evidence[${at + offset}].${name}`] = text)
		item(0, 'label', 'Welke thema’s wilt u delen?')
		item(0, 'minLength', '20')
		item(0, 'choicesLabel', 'Thema’s')
		item(0, 'choicesOptions', 'Samen beslissen\nBlended behandelen\nGroepsbehandeling')
		item(0, 'choicesMin', '1')
		item(0, 'choicesMax', '2')
		item(1, 'label', 'Format terugvalpreventieplan')
		item(1, 'lines', 'Signalen\nRisico’s\n\nMaatregelen')
		item(2, 'label', 'Percentage blended behandelingen')
		item(2, 'unit', 'percent')
		item(2, 'decimals', '1')
		item(2, 'min', '0')
		item(2, 'max', '100')
		item(2, 'ruleOp', 'gte')
		item(2, 'ruleValue', '62,5')
		item(2, 'ruleMessage', 'Minstens 62,5% van de behandelingen is blended.')
		item(3, 'label', 'Adres van de webpagina')
		item(3, 'lines', 'Wachttijd\nTarieven')
		item(4, 'label', 'Een positieve ervaring')
		item(4, 'minLength', '0')
		delete fields[`criteria[0].evidence[${at + 4}].required`]
		item(5, 'label', 'Verklaring')
		item(5, 'statement', 'Wij verklaren dat het plan beschikbaar is voor de cliënt.')
		fields['criteria[1].combine'] = 'or'
		fields['criteria[1].appliesTo'] = 'institution'
		const saved = await callAction(normRoute, path, params, fields, cookie)
		expect(saved.response?.status, JSON.stringify(dataOf(saved.value).data)).toBe(302)

		const stored = (await loadNormSet(year))!.normSet.themes[0]!.norms[0]!
		const [explanation, upload, number, url, example, declaration] = stored.criteria[0]!.evidence.slice(-6)
		expect(explanation).toMatchObject({
			kind: 'explanation',
			label: 'Welke thema’s wilt u delen?',
			minLength: 20,
			choices: {
				label: 'Thema’s',
				options: ['Samen beslissen', 'Blended behandelen', 'Groepsbehandeling'],
				minSelected: 1,
				maxSelected: 2,
			},
		})
		// New items got keys of their own, after the criterion's key.
		expect(explanation!.key).toBe(`${stored.criteria[0]!.key}-toelichting`)
		expect(new Set(stored.criteria[0]!.evidence.map((entry) => entry.key)).size).toBe(
			stored.criteria[0]!.evidence.length,
		)
		expect((upload as EvidenceItemOf<'template_upload'>).requiredElements).toEqual([
			'Signalen',
			'Risico’s',
			'Maatregelen',
		])
		expect(number).toMatchObject({
			kind: 'number',
			unit: 'percent',
			decimals: 1,
			min: 0,
			max: 100,
			rule: { op: '>=', value: 62.5, message: 'Minstens 62,5% van de behandelingen is blended.' },
		})
		expect((url as EvidenceItemOf<'url'>).checklist).toEqual(['Wachttijd', 'Tarieven'])
		expect(example).toMatchObject({ kind: 'example', minLength: 0, required: false })
		expect(declaration).toMatchObject({
			kind: 'declaration',
			statement: 'Wij verklaren dat het plan beschikbaar is voor de cliënt.',
			required: true,
		})
		// 2022 norm 1 had groups 1, 2, 3, 4, 4; with 1.2 "of" 1.1 they are renumbered without gaps.
		expect(stored.criteria.map((criterion) => criterion.group)).toEqual([1, 1, 2, 3, 3])
		expect(stored.criteria[1]!.appliesTo).toBe('institution')
		expect((await db.normSet.findUniqueOrThrow({ where: { year } })).version).toBe(version + 1)
		expect(
			await db.auditEvent.count({ where: { action: 'norm_set.update', reason: `Norm ${norm.code} bewerkt` } }),
		).toBeGreaterThan(0)

		// Removing an item: the remove intent takes it out of the form; saving stores the norm without it.
		const reopened = await openNorm(path, params, cookie)
		const last = reopened.criteria[0]!.evidence.length - 1
		const removed = dataOf<Reply>(
			(
				await callAction(
					normRoute,
					path,
					params,
					{ ...formFields(reopened), ...remove('criteria[0].evidence', last) },
					cookie,
				)
			).value,
		)
		const without = removed.data.result.initialValue!
		expect(without.criteria[0]!.evidence.map((entry) => entry.kind)).not.toContain('declaration')
		expect((await callAction(normRoute, path, params, formFields(without), cookie)).response?.status).toBe(302)
		expect(
			(await loadNormSet(year))!.normSet.themes[0]!.norms[0]!.criteria[0]!.evidence.map((entry) => entry.kind),
		).not.toContain('declaration')
	})

	it('answers invalid input with errors next to the fields, keeps what was typed and saves nothing', async () => {
		const { year, cookie, path, params, version } = await draftYear(2083)
		let value = await openNorm(path, params, cookie)
		const added = await callAction(
			normRoute,
			path,
			params,
			{ ...formFields(value), ...insert('criteria[0].evidence', newEvidenceValue('number')) },
			cookie,
		)
		value = dataOf<Reply>(added.value).data.result.initialValue!
		const n = value.criteria[0]!.evidence.length - 1
		const before = JSON.stringify((await loadNormSet(year))!.normSet)
		const fields = {
			...formFields(value),
			title: '   ',
			'criteria[0].code': '9.1',
			'criteria[0].evidence[0].minLength': 'veel',
			[`criteria[0].evidence[${n}].label`]: 'Score CQ-index',
			[`criteria[0].evidence[${n}].min`]: '80',
			[`criteria[0].evidence[${n}].max`]: '120',
			[`criteria[0].evidence[${n}].ruleOp`]: 'gte',
			[`criteria[0].evidence[${n}].ruleValue`]: 'zestig',
		}
		const { data, status } = dataOf<Reply>((await callAction(normRoute, path, params, fields, cookie)).value)
		expect(status).toBe(400)
		expect(data.result.error).toMatchObject({
			title: ['staff.errorFieldRequired'],
			'criteria[0].code': ['staff.errorCriterionCode'],
			'criteria[0].evidence[0].minLength': ['staff.errorWholeNumber'],
			[`criteria[0].evidence[${n}].max`]: ['staff.errorPercentRange'],
			[`criteria[0].evidence[${n}].ruleValue`]: ['staff.errorNumber'],
		})
		// Every message is a Dutch text of the staff catalogue.
		for (const key of Object.values(data.result.error ?? {}).flat())
			expect(dutch[String(key).replace('staff.', '') as keyof typeof dutch]).toMatch(/[a-z]/)
		expect(dutch.errorPercentRange).toBe('Een percentage ligt tussen 0 en 100.')
		// Nothing typed is lost: the form that comes back holds the submitted text.
		const typed = data.result.initialValue!
		expect(typed.title).toBe('   ')
		expect(typed.criteria[0]!.evidence[n]).toMatchObject({
			label: 'Score CQ-index',
			min: '80',
			max: '120',
			ruleValue: 'zestig',
		})
		expect(typed.criteria[0]!.evidence[0]!.minLength).toBe('veel')
		// Nothing stored.
		expect(JSON.stringify((await loadNormSet(year))!.normSet)).toBe(before)
		expect((await db.normSet.findUniqueOrThrow({ where: { year } })).version).toBe(version)

		// A criterion without any required evidence item is refused next to its evidence.
		const noRequired = formFields(value)
		for (const name of Object.keys(noRequired))
			if (/^criteria\[0\]\.evidence\[\d+\]\.required$/.test(name)) delete noRequired[name]
		const refused = dataOf<Reply>((await callAction(normRoute, path, params, noRequired, cookie)).value)
		expect(refused.status).toBe(400)
		expect(refused.data.result.error?.['criteria[0].evidence']).toEqual(['staff.errorEvidenceRequired'])
	})

	it('refuses a stale version as a conflict and never overwrites', async () => {
		const { year, cookie, path, params, version } = await draftYear(2085)
		const value = await openNorm(path, params, cookie)
		const first = { ...formFields(value), title: 'Eerste titel' }
		expect((await callAction(normRoute, path, params, first, cookie)).response?.status).toBe(302)
		// A second editor still holds the version it opened.
		const second = { ...formFields(value), title: 'Tweede titel' }
		const conflict = dataOf<Reply>((await callAction(normRoute, path, params, second, cookie)).value)
		expect(conflict.status).toBe(400)
		expect(conflict.data.result.error?.['']?.join(' ')).toMatch(/Iemand anders heeft deze normenset intussen gewijzigd/)
		expect(conflict.data.result.initialValue?.title).toBe('Tweede titel')
		expect(conflict.data.result.initialValue?.version).toBe(String(version))
		expect((await loadNormSet(year))!.normSet.themes[0]!.norms[0]!.title).toBe('Eerste titel')
	})

	it('adds a norm on the set’s page, opens it on its own page, and reads old links', async () => {
		const { year, cookie, version } = await draftYear(2089)
		const set = (await loadNormSet(year))!.normSet
		const path = `/medewerkers/normen/${year}`
		const added = await callAction(
			overviewRoute,
			path,
			{ year: String(year) },
			{ intent: 'add_norm', version: String(version), theme: set.themes[0]!.key },
			cookie,
		)
		expect(added.response?.status).toBe(302)
		const next = (await loadNormSet(year))!.normSet
		const norm = next.themes[0]!.norms.at(-1)!
		expect(norm.title).toBe(`Nieuwe norm ${norm.code}`)
		expect(added.response?.headers.get('Location')).toBe(`${path}/norm/${norm.key}`)
		// The editor of before used ?norm=<key> on the set's page.
		const old = await callLoader(overviewRoute, `${path}?norm=${norm.key}`, { year: String(year) }, cookie)
		expect(old.response?.headers.get('Location')).toBe(`${path}/norm/${norm.key}`)
		// A year that is no number, or a norm that does not exist, is a 404.
		expect(
			(await callLoader(overviewRoute, '/medewerkers/normen/twee', { year: 'twee' }, cookie)).response?.status,
		).toBe(404)
		expect(
			(await callLoader(normRoute, `${path}/norm/geen`, { year: String(year), normKey: 'geen' }, cookie)).response
				?.status,
		).toBe(404)
	})

	it('keeps a published norm set read-only', async () => {
		const year = 2087
		await ensureMarkYear(year)
		const admin = await createUser({ staffRole: 'admin' })
		const cookie = await sessionCookieFor(admin.id)
		const set = (await loadNormSet(year))!
		const norm = set.normSet.themes[0]!.norms[0]!
		const path = `/medewerkers/normen/${year}/norm/${norm.key}`
		const params = { year: String(year), normKey: norm.key }
		const page = dataOf<{ status: string }>((await callLoader(normRoute, path, params, cookie)).value).data
		expect(page.status).toBe('published')
		const value = await openNorm(path, params, cookie)
		const { version } = await db.normSet.findUniqueOrThrow({ where: { year } })
		const attempts = {
			save: {},
			insert: insert('criteria[0].evidence', newEvidenceValue('explanation')),
			remove: remove('criteria', 0),
			remove_norm: { intent: 'remove_norm' },
		}
		for (const [name, extra] of Object.entries(attempts)) {
			const result = dataOf<Reply>(
				(await callAction(normRoute, path, params, { ...formFields(value), title: 'Gewijzigd', ...extra }, cookie))
					.value,
			)
			expect(result.status, name).toBe(400)
			expect(result.data.result.error?.['']).toEqual([
				'Deze normenset is gepubliceerd en kan niet meer worden gewijzigd.',
			])
		}
		expect((await loadNormSet(year))!.normSet).toEqual(set.normSet)
		expect((await db.normSet.findUniqueOrThrow({ where: { year } })).version).toBe(version)
	})
})
