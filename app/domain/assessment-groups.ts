import { criterionGroups, criterionRef } from './norm-set'
import type { CriterionRef, NormSet } from './norm-set'
import { isCriterionAnswered } from './self-evaluation'
import type { Answers } from './self-evaluation'
import type { Verdicts } from './assessment'
import type { CriterionVerdict, ProviderProfile } from './types'

// The assessment form judges a norm's alternatives ("1.4 *of* 1.5") as one group: the group is
// sufficient as soon as one alternative is, and then the others need no verdict (DOMAIN.md §5).
// `assessmentOutcome` decides the round with the same groups; this module gives the form and
// the "alle overige voldoende" action their rules, pure so the browser can use them too.

export interface AssessmentGroup {
	normKey: string
	normCode: string
	group: number
	/** The alternatives to assess, in norm-set order; more than one reads "1.4 of 1.5". */
	criteria: CriterionRef[]
}

export type GroupStatus = 'sufficient' | 'insufficient' | 'open'

/**
 * The groups to assess, in norm-set order. Of a group only the answered alternatives are assessed;
 * when none was answered, all of them (so the assessor can record them as insufficient).
 */
export function assessmentGroups(set: NormSet, profile: ProviderProfile, answers: Answers): AssessmentGroup[] {
	const result: AssessmentGroup[] = []
	for (const norm of set.themes.flatMap((theme) => theme.norms)) {
		for (const { group, alternatives } of criterionGroups(norm, profile)) {
			const answered = alternatives.filter((criterion) => isCriterionAnswered(criterion, answers))
			const keys = new Set((answered.length > 0 ? answered : alternatives).map((criterion) => criterion.key))
			result.push({
				normKey: norm.key,
				normCode: norm.code,
				group,
				// Norm-set order, not the order alternatives were collected in.
				criteria: norm.criteria
					.filter((criterion) => keys.has(criterion.key))
					.map((criterion) => criterionRef({ norm, criterion })),
			})
		}
	}
	return result
}

/** Sufficient when one alternative is; insufficient when every alternative is; else still open. */
export function groupStatus(group: AssessmentGroup, verdicts: Verdicts): GroupStatus {
	if (group.criteria.some((criterion) => verdicts[criterion.key] === 'sufficient')) return 'sufficient'
	if (group.criteria.every((criterion) => verdicts[criterion.key] === 'insufficient')) return 'insufficient'
	return 'open'
}

/**
 * The criteria that need no verdict because another alternative of their group is sufficient and
 * they have none themselves.
 */
export function verdictsNotNeeded(groups: readonly AssessmentGroup[], verdicts: Verdicts): Set<string> {
	const result = new Set<string>()
	for (const group of groups) {
		if (groupStatus(group, verdicts) !== 'sufficient') continue
		for (const criterion of group.criteria) if (!verdicts[criterion.key]) result.add(criterion.key)
	}
	return result
}

/**
 * "Alle overige voldoende": every criterion without a verdict becomes sufficient, except the
 * alternatives of a group that is already sufficient (they need no verdict). Verdicts already
 * given, sufficient or not, stay as they are.
 */
export function fillRemainingSufficient(groups: readonly AssessmentGroup[], verdicts: Verdicts): Verdicts {
	const result: Record<string, CriterionVerdict | undefined> = { ...verdicts }
	for (const group of groups) {
		if (groupStatus(group, verdicts) === 'sufficient') continue
		for (const criterion of group.criteria) result[criterion.key] ??= 'sufficient'
	}
	return result
}
