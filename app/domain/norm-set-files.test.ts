import { describe, expect, test } from 'vitest'
import {
	answers2018,
	answers2022,
	normSet2018,
	normSet2022,
	rawNormSet2018,
	rawNormSet2022,
} from './__fixtures__/norm-sets'
import { assessmentOutcome } from './assessment'
import { allCriteria, allNorms, applicableCriteria, criterionGroups, findCriterion, parseNormSet } from './norm-set'
import type { NormSet } from './norm-set'
import { diffNormSets, prefillAnswers } from './norm-set-diff'
import { checkCompleteness } from './self-evaluation'
import type { ProviderProfile } from './types'

const institutionWithChronic: ProviderProfile = { type: 'institution', offersChronicEchelon: true }
const institution: ProviderProfile = { type: 'institution', offersChronicEchelon: false }
const practice: ProviderProfile = { type: 'independent_practice', offersChronicEchelon: false }

const criterion = (set: NormSet, key: string) => {
	const found = findCriterion(set, key)
	if (!found) throw new Error(`no criterion ${key}`)
	return found.criterion
}

describe('prisma/norm-sets/2018.json', () => {
	test('parses', () => {
		const parsed = parseNormSet(rawNormSet2018)
		expect(parsed.ok ? [] : parsed.errors).toEqual([])
	})

	test('3 themes, 9 norms, every criterion of the handbook (003 §4)', () => {
		expect(normSet2018.themes.map((t) => t.title)).toEqual([
			'Cliëntgericht handelen',
			'Samenwerken',
			'Innoveren en continu verbeteren',
		])
		expect(allNorms(normSet2018).map(({ norm }) => norm.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9'])
		const codesPerNorm = allNorms(normSet2018).map(({ norm }) => norm.criteria.map((c) => c.code))
		expect(codesPerNorm).toEqual([
			['1.1', '1.2', '1.3'],
			['2.1', '2.2', '2.3'],
			['3.1', '3.2', '3.3'],
			['4.1'],
			['5.1'],
			['6.1', '6.2', '6.3'],
			['7.1', '7.2', '7.3'],
			['8.1', '8.2', '8.3', '8.4'],
			['9.1'],
		])
		for (const { norm } of allNorms(normSet2018)) {
			expect(norm.explanation.length).toBeGreaterThan(100)
			expect(norm.safeguards.length).toBeGreaterThan(0)
			expect(norm.clientPromise).toBeUndefined()
		}
		for (const { criterion: c } of allCriteria(normSet2018)) expect(c.frameSource).toBe('derived')
	})

	test('norm 3 = (3.1 of 3.2) én 3.3; norm 1 = 1.1 én (1.2 of, for independent practices, 1.3)', () => {
		const norm3 = allNorms(normSet2018)[2]!.norm
		expect(criterionGroups(norm3, institution).map((g) => g.alternatives.map((c) => c.code))).toEqual([
			['3.1', '3.2'],
			['3.3'],
		])
		const norm1 = allNorms(normSet2018)[0]!.norm
		expect(criterionGroups(norm1, institution).map((g) => g.alternatives.map((c) => c.code))).toEqual([
			['1.1'],
			['1.2'],
		])
		expect(criterionGroups(norm1, practice).map((g) => g.alternatives.map((c) => c.code))).toEqual([
			['1.1'],
			['1.2', '1.3'],
		])
	})

	test('the "o" elements, the website checklist and the number rules', () => {
		const elements = (key: string) => {
			const item = criterion(normSet2018, key).evidence[0]
			return item?.kind === 'template_upload' ? item.requiredElements : item?.kind === 'url' ? item.checklist : []
		}
		expect(elements('shared-decision-treatment-plan')).toHaveLength(6)
		expect(elements('relapse-prevention-plan')).toHaveLength(5)
		expect(elements('chronic-care-documentation')).toHaveLength(6)
		expect(elements('website-transparency')).toHaveLength(11)
		const rom = criterion(normSet2018, 'rom-pre-post-coverage').evidence[0]
		expect(rom).toMatchObject({ kind: 'number', unit: 'percent', rule: { op: '>=', value: 60 } })
		const blended = criterion(normSet2018, 'blended-percentage').evidence[0]
		expect(blended).toMatchObject({ kind: 'number', unit: 'percent', min: 0, max: 100 })
		const cq = criterion(normSet2018, 'cq-index-shared-decision-score').evidence[0]
		expect(cq).toMatchObject({ kind: 'number', unit: 'score' })
	})

	test('norm 4 only applies to providers in the chronic echelon', () => {
		const keys = (profile: ProviderProfile) => applicableCriteria(normSet2018, profile).map((c) => c.criterion.key)
		expect(keys(institution)).not.toContain('chronic-care-documentation')
		expect(keys(institutionWithChronic)).toContain('chronic-care-documentation')
		expect(keys(institution)).not.toContain('cq-index-integration')
		expect(keys(practice)).toContain('cq-index-integration')
	})

	test('a realistic complete self-evaluation is complete, with progress per norm', () => {
		const report = checkCompleteness(normSet2018, institutionWithChronic, answers2018)
		expect(report.missing).toEqual([])
		expect(report.warnings).toEqual([])
		expect(report.complete).toBe(true)
		expect(report.norms.map((n) => `${n.code}:${n.answered}/${n.required}`)).toEqual([
			'1:2/2',
			'2:3/3',
			'3:2/2',
			'4:1/1',
			'5:1/1',
			'6:3/3',
			'7:3/3',
			'8:4/4',
			'9:1/1',
		])
		expect(report.totals).toEqual({ required: 20, answered: 20 })
	})

	test('what is missing, exactly and in Dutch', () => {
		const answers = {
			...answers2018,
			'relapse-information-availability.explanation': { text: 'Het plan krijgt de cliënt mee.', documents: [] },
			'relapse-prevention-plan.format': { documents: [] },
			'rom-pre-post-coverage.percentage': { number: 45, documents: [] },
			'website-transparency.url': { url: 'www.voorbeeld.nl', documents: [] },
		}
		const report = checkCompleteness(normSet2018, institution, answers)
		expect(report.complete).toBe(false)
		const missing = report.missing.map((m) => [m.criterionCodes.join(' of '), m.issue?.code ?? 'alternatives'])
		expect(missing).toContainEqual(['3.1 of 3.2', 'alternatives'])
		expect(report.missing).toContainEqual(
			expect.objectContaining({
				criterionCodes: ['3.3'],
				issue: { code: 'text_too_short', what: 'explanation', min: 100, length: 30 },
			}),
		)
		expect(missing).toContainEqual(['5.1', 'url_invalid'])
		expect(report.missing).toContainEqual(
			expect.objectContaining({
				criterionCodes: ['5.1'],
				issue: { code: 'checklist_unconfirmed', point: 'welke eHealth toepassingen worden aangeboden' },
			}),
		)
		// norm 4 does not apply to this institution, so nothing about it
		expect(report.missing.some((m) => m.normCode === '4')).toBe(false)
		// ROM below 60 % is flagged, not missing
		expect(report.warnings).toEqual([
			{
				normCode: '8',
				criterionCode: '8.3',
				evidenceKey: 'rom-pre-post-coverage.percentage',
				value: 45,
				unit: 'percent',
				requirement: 'de ROM voor- en nameting moet in 2017 bij 60% of meer van de cliënten zijn ingezet',
			},
		])
	})

	test('an independent practice may answer the CQ-index NB (1.3) instead of the score (1.2)', () => {
		const { ['cq-index-shared-decision-score.score']: _score, ...withoutScore } = answers2018
		const nb = {
			...withoutScore,
			'cq-index-integration.explanation': {
				text: 'Sinds januari 2018 ontvangt elke cliënt bij afsluiting de CQ-index via ons meetbureau; de eerste rapportage volgt in juli. Zo is de meting vast onderdeel van het zorgproces.',
				documents: [],
			},
			'cq-index-integration.declaration': { declared: true, documents: [] },
		}
		expect(checkCompleteness(normSet2018, practice, nb).complete).toBe(true)
		const forInstitution = checkCompleteness(normSet2018, institution, nb)
		const score = 'Schaalscore Samen Beslissen (CQ-index, afgelopen jaar)'
		expect(forInstitution.missing).toEqual([
			{
				normCode: '1',
				criterionCodes: ['1.2'],
				evidenceKey: 'cq-index-shared-decision-score.score',
				evidenceLabel: score,
				issue: { code: 'number_missing', label: score },
			},
		])
	})

	test('assessment: all sufficient qualifies; one insufficient asks for the one revision of 2018', () => {
		const toAssess = assessmentOutcome(
			normSet2018,
			institutionWithChronic,
			answers2018,
			{},
			{ revisionsUsed: 0, maxRevisions: 1 },
		)
		// 3.2 was answered, 3.1 not: only the answered alternative is assessed
		expect(toAssess.toAssess.map((c) => c.code)).toEqual([
			'1.1',
			'1.2',
			'2.1',
			'2.2',
			'2.3',
			'3.2',
			'3.3',
			'4.1',
			'5.1',
			'6.1',
			'6.2',
			'6.3',
			'7.1',
			'7.2',
			'7.3',
			'8.1',
			'8.2',
			'8.3',
			'8.4',
			'9.1',
		])
		const sufficient = Object.fromEntries(toAssess.toAssess.map((c) => [c.key, 'sufficient' as const]))
		expect(
			assessmentOutcome(normSet2018, institutionWithChronic, answers2018, sufficient, {
				revisionsUsed: 0,
				maxRevisions: 1,
			}).outcome,
		).toBe('qualified')
		const oneShort = { ...sufficient, 'relapse-information-availability': 'insufficient' as const }
		const first = assessmentOutcome(normSet2018, institutionWithChronic, answers2018, oneShort, {
			revisionsUsed: 0,
			maxRevisions: 1,
		})
		expect(first.outcome).toBe('revision_requested')
		expect(first.insufficient.map((c) => c.code)).toEqual(['3.3'])
		const last = assessmentOutcome(normSet2018, institutionWithChronic, answers2018, oneShort, {
			revisionsUsed: 1,
			maxRevisions: 1,
		})
		expect(last.outcome).toBe('not_qualified')
	})
})

describe('prisma/norm-sets/2022.json', () => {
	test('parses and is marked as reconstructed', () => {
		const parsed = parseNormSet(rawNormSet2022)
		expect(parsed.ok ? [] : parsed.errors).toEqual([])
		expect(normSet2022.status).toBe('reconstructed')
		expect(normSet2022.source).toBe(
			'Gereconstrueerd uit het consultatiedocument Keurmerk Basis GGZ 2022 (seed 004); definitieve tekst volgt van KiBG',
		)
	})

	test('the 6 norms of table 1, each with a client promise and assessment frames', () => {
		expect(allNorms(normSet2022).map(({ norm }) => `${norm.code}. ${norm.title}`)).toEqual([
			'1. Tijdige zorg en samen beslissen',
			'2. Generalistisch, kortdurend behandelen',
			'3. Transparant zijn',
			'4. Reflecteren, leren en verbeteren',
			'5. Vooruitstrevend zijn',
			'6. Kennis delen',
		])
		for (const { norm } of allNorms(normSet2022)) expect(norm.clientPromise?.length).toBeGreaterThan(40)
		for (const { criterion: c } of allCriteria(normSet2022)) {
			expect(c.frameSource).toBe('reconstructed')
			expect(c.assessmentFrame.met).not.toBe(c.assessmentFrame.notMet)
		}
	})

	test('every element seed 004 names is there', () => {
		const text = JSON.stringify(normSet2022)
		for (const phrase of [
			'binnen 800 minuten',
			'afweging om langer dan 800 minuten te behandelen',
			'Eleo en Umami',
			'hulpvraag, samen met de cliënt geformuleerd',
			'verwachte behandelduur',
			'behandelvorm (online, face-to-face',
			'klik tussen cliënt en behandelaar',
			'hulpvraaggericht',
			'attitude van de behandelaar',
			'tijdig afronden van de behandeling',
			'niet langer dan twee gesprekken',
			'huisarts/POH-GGZ',
			'intakeprocedure',
			'behandelduur',
			'rest van de organisatie',
			'31-12-2021',
			'van andere keurmerkdragers kan leren',
			'andere keurmerkdragers iets kan leren',
		]) {
			expect(text, phrase).toContain(phrase)
		}
		// group treatment: offered OR referred
		const norm1 = allNorms(normSet2022)[0]!.norm
		expect(criterionGroups(norm1, practice).map((g) => g.alternatives.map((c) => c.code))).toEqual([
			['1.1'],
			['1.2'],
			['1.3'],
			['1.4', '1.5'],
		])
	})

	test('learn-from and teach-others themes are structured choices from one list', () => {
		const learn = criterion(normSet2022, 'learning-themes').evidence[0]
		const teach = criterion(normSet2022, 'teaching-themes').evidence[0]
		expect(learn?.kind === 'explanation' && learn.choices?.minSelected).toBe(1)
		expect(learn?.kind === 'explanation' && teach?.kind === 'explanation' && learn.choices?.options).toEqual(
			teach?.kind === 'explanation' && teach.choices?.options,
		)
	})

	test('a realistic complete self-evaluation is complete', () => {
		const report = checkCompleteness(normSet2022, practice, answers2022)
		expect(report.missing).toEqual([])
		expect(report.complete).toBe(true)
		expect(report.totals).toEqual({ required: 18, answered: 18 })
	})

	test('missing themes and an unticked 800-minute declaration are reported', () => {
		const report = checkCompleteness(normSet2022, practice, {
			...answers2022,
			'learning-themes.themes': { text: 'Nog geen idee.', documents: [] },
			'treatment-800-minutes.declaration': { declared: false, documents: [] },
			'group-treatment-referral.explanation': undefined,
		})
		expect(
			report.missing.map((m) => [m.criterionCodes.join(' of '), m.evidenceLabel ?? null, m.issue ?? null]),
		).toEqual([
			['1.4 of 1.5', null, null],
			[
				'2.1',
				'Verklaring 800 minuten',
				{
					code: 'declaration_unconfirmed',
					statement: 'Onze behandelingen starten vanuit het uitgangspunt deze binnen 800 minuten af te ronden.',
				},
			],
			['5.2', null, { code: 'choices_too_few', label: 'Thema’s', min: 1 }],
		])
	})
})

describe('from 2018 to 2022', () => {
	const diff = diffNormSets(normSet2018, normSet2022)

	test('norms: continued keys are changed, the rest added or removed', () => {
		expect(diff.norms.added.map((n) => n.key)).toEqual(['short-generalist-treatment', 'progressive-practice'])
		expect(diff.norms.removed.map((n) => n.key)).toEqual([
			'guidelines-implementation',
			'relapse-prevention',
			'chronic-care',
			'client-network',
			'blended-care',
		])
		expect(diff.norms.changed.map((n) => `${n.previous.code}→${n.next.code} ${n.key}`)).toEqual([
			'1→1 shared-decision-making',
			'5→3 transparency',
			'8→4 continuous-improvement',
			'9→6 field-development',
		])
	})

	test('criteria: the website criterion keeps its text but gains a checklist item', () => {
		const website = diff.criteria.changed.find((c) => c.key === 'website-transparency')
		expect(website).toMatchObject({
			previous: { code: '5.1' },
			next: { code: '3.1' },
			fields: ['assessmentFrame', 'evidence'],
		})
		expect(diff.criteria.changed.map((c) => c.key)).toEqual([
			'shared-decision-treatment-plan',
			'website-transparency',
			'improvement-from-data',
			'field-contribution',
		])
		expect(diff.criteria.added.map((c) => c.key)).toContain('treatment-800-minutes')
		expect(diff.criteria.removed.map((c) => c.key)).toContain('rom-pre-post-coverage')
		expect(diff.criteria.unchanged).toEqual([])
	})

	test('prefill carries what still fits and flags changed criteria', () => {
		const prefill = prefillAnswers(normSet2018, answers2018, normSet2022)
		expect(prefill.criteria['website-transparency']).toBe('changed')
		expect(prefill.criteria['treatment-800-minutes']).toBe('new')
		expect(prefill.answers['website-transparency.url']?.url).toBe('https://www.voorbeeldpraktijk.nl/basis-ggz')
		expect(prefill.answers['website-transparency.url']?.checkedElements).toHaveLength(11)
		// the reworded element "hulpvraag en aanleiding" is not ticked in the new format
		expect(prefill.answers['shared-decision-treatment-plan.format']?.checkedElements).toEqual([
			'behandeldoelen, inclusief omschrijving wanneer deze zijn behaald',
			'behandelmethode',
			'wederzijdse verwachtingen (inspanningen / verantwoordelijkheden)',
			'vragen voor tussentijdse evaluatie',
			'aantekening van toestemming van de cliënt voor uitvoering van het behandelplan',
		])
		expect(Object.keys(prefill.answers).sort()).toEqual([
			'field-contribution.explanation',
			'improvement-from-data.example',
			'shared-decision-treatment-plan.format',
			'website-transparency.url',
		])
		expect(prefill.dropped).toContain('relapse-prevention-plan.format')
		expect(prefill.dropped).not.toContain('rom-pre-post-coverage.percentage')
		// the prefilled round is not complete yet: the new elements and criteria still need answers
		const report = checkCompleteness(normSet2022, practice, prefill.answers)
		expect(report.complete).toBe(false)
		expect(report.missing.map((m) => m.issue)).toContainEqual({
			code: 'checklist_unconfirmed',
			point: 'hoe er aandacht is voor het tijdig afronden van de behandeling',
		})
	})
})
