// The norm-set editor through its route: every evidence kind edited with form fields (no JSON),
// invalid input answered with Dutch errors next to the fields and nothing stored or lost, a stale
// version refused as a conflict, and a published set that stays read-only.
import { describe, expect, it } from 'vitest'
import * as normSetRoute from '#app/routes/staff/norm-set.tsx'
import { type NormDraft, normToDraft } from '#app/routes/staff/norm-form.ts'
import type { EvidenceItemOf } from '#app/domain/norm-set.ts'
import { defaultYearSettings } from '#app/domain/year-settings.ts'
import { staff as dutch } from '#app/i18n/nl/staff.ts'
import { db } from '#app/lib/db.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { markYearData } from '#app/services/years.server.ts'
import { createUser } from '#test/fixtures/factories.ts'
import { dataOf, sessionCookieFor } from '#test/fixtures/requests.ts'
import { callAction, callLoader } from '#test/fixtures/staff-routes.ts'

type Failure = { fieldErrors: Record<string, string[]>; formErrors: string[]; draft: NormDraft }

/** The form fields the browser would send for a draft (checkboxes only when ticked). */
function draftToFields(draft: NormDraft, normKey: string): Record<string, string> {
	const fields: Record<string, string> = {
		version: draft.version,
		norm: normKey,
		code: draft.code,
		title: draft.title,
		appliesTo: draft.appliesTo,
		explanation: draft.explanation,
		safeguards: draft.safeguards,
		clientPromise: draft.clientPromise,
	}
	draft.criteria.forEach((criterion, i) => {
		const { evidence, removed, ...rest } = criterion
		for (const [name, value] of Object.entries(rest)) fields[`c${i}.${name}`] = value
		if (removed) fields[`c${i}.remove`] = 'on'
		evidence.forEach((item, j) => {
			const { removed: itemRemoved, required, ...itemRest } = item
			for (const [name, value] of Object.entries(itemRest)) fields[`c${i}.e${j}.${name}`] = value
			if (required) fields[`c${i}.e${j}.required`] = 'on'
			if (itemRemoved) fields[`c${i}.e${j}.remove`] = 'on'
		})
	})
	return fields
}

/** A published year and the next year with a draft copy of its norms. */
async function draftYear(published: number) {
	await ensureMarkYear(published)
	const year = published + 1
	await db.markYear.create({ data: markYearData(defaultYearSettings(year)) })
	const admin = await createUser({ staffRole: 'admin' })
	const cookie = await sessionCookieFor(admin.id)
	const path = `/medewerkers/normen/${year}`
	const copied = await callAction(normSetRoute, path, { year: String(year) }, { intent: 'copy' }, cookie)
	expect(copied.response?.status).toBe(302)
	const set = (await loadNormSet(year))!.normSet
	const norm = set.themes[0]!.norms[0]!
	const { version } = await db.normSet.findUniqueOrThrow({ where: { year } })
	return { year, cookie, norm, version, path: `${path}?norm=${norm.key}` }
}

async function openNorm(module: typeof normSetRoute, path: string, year: number, cookie: string) {
	const page = dataOf<{
		selected: NonNullable<Awaited<ReturnType<typeof normSetRoute.loader>>['selected']>
		version: number
	}>((await callLoader(module, path, { year: String(year) }, cookie)).value).data
	return normToDraft(page.selected, page.version)
}

describe('norm-set editor', () => {
	it('edits every evidence kind with form fields, combination and applicability as selects', async () => {
		const { year, cookie, norm, path, version } = await draftYear(2081)
		const params = { year: String(year) }
		let draft = await openNorm(normSetRoute, path, year, cookie)
		// Add one item of each kind to the first criterion; adding saves nothing yet.
		for (const kind of ['explanation', 'template_upload', 'number', 'url', 'example', 'declaration']) {
			const added = await callAction(
				normSetRoute,
				path,
				params,
				{ ...draftToFields(draft, norm.key), intent: 'add_evidence:0', 'c0.newKind': kind },
				cookie,
			)
			draft = dataOf<{ draft: NormDraft }>(added.value).data.draft
		}
		expect(draft.criteria[0]!.evidence.map((item) => item.kind).slice(-6)).toEqual([
			'explanation',
			'template_upload',
			'number',
			'url',
			'example',
			'declaration',
		])
		expect((await db.normSet.findUniqueOrThrow({ where: { year } })).version).toBe(version)

		const fields = draftToFields(draft, norm.key)
		const at = draft.criteria[0]!.evidence.length - 6
		const item = (offset: number, name: string, value: string) => (fields[`c0.e${at + offset}.${name}`] = value)
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
		delete fields[`c0.e${at + 4}.required`]
		item(5, 'label', 'Verklaring')
		item(5, 'statement', 'Wij verklaren dat het plan beschikbaar is voor de cliënt.')
		fields['c1.combine'] = 'or'
		fields['c1.appliesTo'] = 'institution'
		const saved = await callAction(normSetRoute, path, params, { ...fields, intent: 'save_norm' }, cookie)
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

		// Removing an item with its checkbox.
		const reopened = await openNorm(normSetRoute, path, year, cookie)
		const removeFields = draftToFields(reopened, norm.key)
		removeFields[`c0.e${reopened.criteria[0]!.evidence.length - 1}.remove`] = 'on'
		expect(
			(await callAction(normSetRoute, path, params, { ...removeFields, intent: 'save_norm' }, cookie)).response?.status,
		).toBe(302)
		expect(
			(await loadNormSet(year))!.normSet.themes[0]!.norms[0]!.criteria[0]!.evidence.map((item) => item.kind),
		).not.toContain('declaration')
	})

	it('answers invalid input with Dutch errors next to the fields, keeps what was typed and saves nothing', async () => {
		const { year, cookie, norm, path, version } = await draftYear(2083)
		const params = { year: String(year) }
		let draft = await openNorm(normSetRoute, path, year, cookie)
		const added = await callAction(
			normSetRoute,
			path,
			params,
			{ ...draftToFields(draft, norm.key), intent: 'add_evidence:0', 'c0.newKind': 'number' },
			cookie,
		)
		draft = dataOf<{ draft: NormDraft }>(added.value).data.draft
		const n = draft.criteria[0]!.evidence.length - 1
		const before = JSON.stringify((await loadNormSet(year))!.normSet)
		const fields = {
			...draftToFields(draft, norm.key),
			intent: 'save_norm',
			title: '   ',
			'c0.code': '9.1',
			'c0.e0.minLength': 'veel',
			[`c0.e${n}.label`]: 'Score CQ-index',
			[`c0.e${n}.min`]: '80',
			[`c0.e${n}.max`]: '120',
			[`c0.e${n}.ruleOp`]: 'gte',
			[`c0.e${n}.ruleValue`]: 'zestig',
		}
		const result = await callAction(normSetRoute, path, params, fields, cookie)
		const { data, status } = dataOf<Failure>(result.value)
		expect(status).toBe(400)
		expect(data.fieldErrors).toMatchObject({
			title: ['staff.errorFieldRequired'],
			'c0.code': ['staff.errorCriterionCode'],
			'c0.e0.minLength': ['staff.errorWholeNumber'],
			[`c0.e${n}.max`]: ['staff.errorPercentRange'],
			[`c0.e${n}.ruleValue`]: ['staff.errorNumber'],
		})
		// Every message is a Dutch text of the staff catalogue.
		for (const key of Object.values(data.fieldErrors).flat())
			expect(dutch[key.replace('staff.', '') as keyof typeof dutch]).toMatch(/[a-z]/)
		expect(dutch.errorPercentRange).toBe('Een percentage ligt tussen 0 en 100.')
		// Nothing typed is lost: the draft that comes back holds the submitted text.
		expect(data.draft.title).toBe('   ')
		expect(data.draft.criteria[0]!.evidence[n]).toMatchObject({
			label: 'Score CQ-index',
			min: '80',
			max: '120',
			ruleValue: 'zestig',
		})
		expect(data.draft.criteria[0]!.evidence[0]!.minLength).toBe('veel')
		// Nothing stored.
		expect(JSON.stringify((await loadNormSet(year))!.normSet)).toBe(before)
		expect((await db.normSet.findUniqueOrThrow({ where: { year } })).version).toBe(version)

		// A criterion without any required evidence item is refused next to its evidence.
		const noRequired = draftToFields(draft, norm.key)
		for (const name of Object.keys(noRequired)) if (/^c0\.e\d+\.required$/.test(name)) delete noRequired[name]
		noRequired[`c0.e${n}.remove`] = 'on'
		const refused = dataOf<Failure>(
			(await callAction(normSetRoute, path, params, { ...noRequired, intent: 'save_norm' }, cookie)).value,
		)
		expect(refused.status).toBe(400)
		expect(refused.data.fieldErrors['c0.evidence']).toEqual(['staff.errorEvidenceRequired'])
		expect(refused.data.draft.criteria[0]!.evidence[n]!.removed).toBe(true)
	})

	it('refuses a stale version as a conflict and never overwrites', async () => {
		const { year, cookie, norm, path, version } = await draftYear(2085)
		const params = { year: String(year) }
		const draft = await openNorm(normSetRoute, path, year, cookie)
		const first = { ...draftToFields(draft, norm.key), intent: 'save_norm', title: 'Eerste titel' }
		expect((await callAction(normSetRoute, path, params, first, cookie)).response?.status).toBe(302)
		// A second editor still holds the version it opened.
		const second = { ...draftToFields(draft, norm.key), intent: 'save_norm', title: 'Tweede titel' }
		const conflict = dataOf<Failure>((await callAction(normSetRoute, path, params, second, cookie)).value)
		expect(conflict.status).toBe(400)
		expect(conflict.data.formErrors.join(' ')).toMatch(/Iemand anders heeft deze normenset intussen gewijzigd/)
		expect(conflict.data.draft.title).toBe('Tweede titel')
		expect(conflict.data.draft.version).toBe(String(version))
		expect((await loadNormSet(year))!.normSet.themes[0]!.norms[0]!.title).toBe('Eerste titel')
	})

	it('keeps a published norm set read-only', async () => {
		const year = 2087
		await ensureMarkYear(year)
		const admin = await createUser({ staffRole: 'admin' })
		const cookie = await sessionCookieFor(admin.id)
		const set = (await loadNormSet(year))!
		const norm = set.normSet.themes[0]!.norms[0]!
		const path = `/medewerkers/normen/${year}?norm=${norm.key}`
		const params = { year: String(year) }
		const page = dataOf<{ status: string }>((await callLoader(normSetRoute, path, params, cookie)).value).data
		expect(page.status).toBe('published')
		const draft = await openNorm(normSetRoute, path, year, cookie)
		const { version } = await db.normSet.findUniqueOrThrow({ where: { year } })
		for (const intent of ['save_norm', 'add_evidence:0', 'add_criterion', 'remove_norm']) {
			const result = dataOf<Failure>(
				(
					await callAction(
						normSetRoute,
						path,
						params,
						{ ...draftToFields(draft, norm.key), intent, title: 'Gewijzigd' },
						cookie,
					)
				).value,
			)
			expect(result.status, intent).toBe(400)
			expect(result.data.formErrors).toEqual(['Deze normenset is gepubliceerd en kan niet meer worden gewijzigd.'])
		}
		expect((await loadNormSet(year))!.normSet).toEqual(set.normSet)
		expect((await db.normSet.findUniqueOrThrow({ where: { year } })).version).toBe(version)
	})
})
