// The norm form is lossless: every norm of the 2018 and 2022 sets, turned into form fields and
// read back, is the same norm — so saving a norm without changes never alters it.
import { describe, expect, it } from 'vitest'
import { type Norm, assertNormSet } from '#app/domain/norm-set.ts'
import set2018 from '#prisma/norm-sets/2018.json' with { type: 'json' }
import set2022 from '#prisma/norm-sets/2022.json' with { type: 'json' }
import { type NormDraft, draftFromValues, normToDraft, validateNormDraft } from './norm-form.ts'

function fields(draft: NormDraft): Record<string, string> {
	const values: Record<string, string> = {
		version: draft.version,
		code: draft.code,
		title: draft.title,
		appliesTo: draft.appliesTo,
		explanation: draft.explanation,
		safeguards: draft.safeguards,
		clientPromise: draft.clientPromise,
	}
	draft.criteria.forEach((criterion, i) => {
		const { evidence, removed: _removed, ...rest } = criterion
		for (const [name, value] of Object.entries(rest)) values[`c${i}.${name}`] = value
		evidence.forEach((item, j) => {
			const { removed: _itemRemoved, required, ...itemRest } = item
			for (const [name, value] of Object.entries(itemRest)) values[`c${i}.e${j}.${name}`] = value
			if (required) values[`c${i}.e${j}.required`] = 'on'
		})
	})
	return values
}

const norms: Norm[] = [set2018, set2022].flatMap((json) => assertNormSet(json).themes.flatMap((theme) => theme.norms))

describe('norm form', () => {
	it.each(norms.map((norm) => [`${norm.key}`, norm] as const))('round-trips %s without loss', (_key, norm) => {
		const result = validateNormDraft(draftFromValues(fields(normToDraft(norm, 3))), norm)
		expect(result).toEqual({ ok: true, norm })
	})

	it('reads Dutch decimals and turns an empty rule into no rule', () => {
		const norm = norms.find((candidate) =>
			candidate.criteria.some((criterion) => criterion.evidence.some((item) => item.kind === 'number')),
		)!
		const draft = normToDraft(norm, 1)
		const i = draft.criteria.findIndex((criterion) => criterion.evidence.some((item) => item.kind === 'number'))
		const j = draft.criteria[i]!.evidence.findIndex((item) => item.kind === 'number')
		const values = { ...fields(draft), [`c${i}.e${j}.ruleOp`]: '', [`c${i}.e${j}.min`]: '2,5', [`c${i}.e${j}.max`]: '' }
		const result = validateNormDraft(draftFromValues(values), norm)
		if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors))
		const item = result.norm.criteria[i]!.evidence[j]!
		expect(item).toMatchObject({ kind: 'number', min: 2.5 })
		expect(item).not.toHaveProperty('rule')
		expect(item).not.toHaveProperty('max')
	})
})
