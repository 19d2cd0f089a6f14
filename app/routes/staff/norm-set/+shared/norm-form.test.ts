// The norm form is lossless: every norm of the 2018 and 2022 sets, turned into form fields and read
// back through Conform and the schema, is the same norm — so saving a norm without changes never
// alters it. The field names are Conform's (`criteria[0].evidence[1].label`).
import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { type Norm, assertNormSet } from '#app/domain/norm-set.ts'
import set2018 from '#prisma/norm-sets/2018.json' with { type: 'json' }
import set2022 from '#prisma/norm-sets/2022.json' with { type: 'json' }
import { formFields as normFormFields } from '#test/fixtures/conform.ts'
import { normFormSchema, normFromForm, normValue } from './norm-form.ts'

const norms: Norm[] = [set2018, set2022].flatMap((json) => assertNormSet(json).themes.flatMap((theme) => theme.norms))

function submit(fields: Record<string, string>) {
	const body = new URLSearchParams(fields)
	return parseWithZod(body, { schema: normFormSchema, disableAutoCoercion: true })
}

describe('norm form', () => {
	it.each(norms.map((norm) => [`${norm.key}`, norm] as const))('round-trips %s without loss', (_key, norm) => {
		const submission = submit(normFormFields(normValue(norm, 3)))
		if (submission.status !== 'success') throw new Error(JSON.stringify(submission.error))
		expect(submission.value.version).toBe(3)
		expect(normFromForm(submission.value, norm)).toEqual(norm)
	})

	it('reads Dutch decimals and turns an empty rule into no rule', () => {
		const norm = norms.find((candidate) =>
			candidate.criteria.some((criterion) => criterion.evidence.some((item) => item.kind === 'number')),
		)!
		const value = normValue(norm, 1)
		const i = value.criteria.findIndex((criterion) => criterion.evidence.some((item) => item.kind === 'number'))
		const j = value.criteria[i]!.evidence.findIndex((item) => item.kind === 'number')
		const fields = {
			...normFormFields(value),
			[`criteria[${i}].evidence[${j}].ruleOp`]: '',
			[`criteria[${i}].evidence[${j}].min`]: '2,5',
			[`criteria[${i}].evidence[${j}].max`]: '',
		}
		const submission = submit(fields)
		if (submission.status !== 'success') throw new Error(JSON.stringify(submission.error))
		const item = normFromForm(submission.value, norm).criteria[i]!.evidence[j]!
		expect(item).toMatchObject({ kind: 'number', min: 2.5 })
		expect(item).not.toHaveProperty('rule')
		expect(item).not.toHaveProperty('max')
	})

	it('reads a promised later delivery, and wants both its day and what is delivered', () => {
		const norm = norms[0]!
		const base = normFormFields(normValue(norm, 1))
		const complete = submit({
			...base,
			'criteria[0].followUpDueOn': '2018-09-01',
			'criteria[0].followUpDescription': 'De CQ-score',
			'criteria[0].followUpDeliver': 'number',
		})
		if (complete.status !== 'success') throw new Error(JSON.stringify(complete.error))
		expect(normFromForm(complete.value, norm).criteria[0]!.followUp).toEqual({
			dueOn: '2018-09-01',
			description: 'De CQ-score',
			deliver: 'number',
		})
		const incomplete = submit({
			...base,
			'criteria[0].followUpDueOn': '2018-09-01',
			'criteria[0].followUpDescription': '',
		})
		expect(incomplete.status).toBe('error')
		expect(incomplete.reply().error).toMatchObject({
			'criteria[0].followUpDescription': ['staff.errorFollowUpIncomplete'],
		})
		const badDay = submit({
			...base,
			'criteria[0].followUpDueOn': '1 september',
			'criteria[0].followUpDescription': 'x',
		})
		expect(badDay.reply().error).toMatchObject({ 'criteria[0].followUpDueOn': ['staff.errorFollowUpDate'] })
	})

	it('puts every error next to its field, by Conform name', () => {
		const norm = norms.find((candidate) => candidate.criteria[0]?.evidence[0]?.kind === 'explanation')!
		const fields = {
			...normFormFields(normValue(norm, 1)),
			title: '  ',
			'criteria[0].code': '99.1',
			'criteria[0].evidence[0].minLength': 'veel',
		}
		const submission = submit(fields)
		expect(submission.status).toBe('error')
		expect(submission.reply().error).toMatchObject({
			title: ['staff.errorFieldRequired'],
			'criteria[0].code': ['staff.errorCriterionCode'],
			'criteria[0].evidence[0].minLength': ['staff.errorWholeNumber'],
		})
	})
})
