import { criterionGroups, criterionRef } from './norm-set'
import type { Criterion, CriterionRef, NormSet } from './norm-set'
import { isCriterionAnswered, ruleBroken } from './self-evaluation'
import type { Answers } from './self-evaluation'
import type { CriterionVerdict, ProviderProfile, RoundOutcome } from './types'

// Staff assess each criterion as sufficient or insufficient (DOMAIN.md §5); this decides what must
// be assessed and what the round outcome is.

export type Verdicts = Readonly<Record<string, CriterionVerdict | undefined>>

export interface UnsatisfiedGroup {
	normCode: string
	group: number
	/** The alternatives; at least one must become sufficient. */
	criteria: CriterionRef[]
}

export interface AssessmentOutcome {
	/** The criteria that need a verdict, in norm-set order. */
	toAssess: CriterionRef[]
	/** Criteria still without a verdict, leaving out alternatives of groups already satisfied. */
	missingVerdicts: CriterionRef[]
	allAssessed: boolean
	/** Every applicable AND-group has at least one sufficient alternative (that was to be assessed). */
	qualifies: boolean
	/** Criteria judged insufficient in groups that are not satisfied: what the provider must fix. */
	insufficient: CriterionRef[]
	unsatisfiedGroups: UnsatisfiedGroup[]
	/** Criteria to assess whose number breaks its rule (e.g. ROM < 60 %), as a hint for the assessor. */
	ruleWarnings: CriterionRef[]
	/** Null until every criterion to assess has a verdict. */
	outcome: RoundOutcome | null
}

/**
 * To assess: the applicable criteria that were answered (have any content), and in a group where
 * no alternative was answered, all its alternatives (so the assessor can record them as
 * insufficient). The round qualifies when every AND-group has a sufficient alternative; otherwise
 * a revision is requested while `revisionsUsed < maxRevisions`, else the outcome is not qualified
 * (DOMAIN.md §3 decision).
 */
export function assessmentOutcome(
	set: NormSet,
	profile: ProviderProfile,
	answers: Answers,
	verdicts: Verdicts,
	limits: { revisionsUsed: number; maxRevisions: number },
): AssessmentOutcome {
	const toAssess: CriterionRef[] = []
	const missingVerdicts: CriterionRef[] = []
	const insufficient: CriterionRef[] = []
	const unsatisfiedGroups: UnsatisfiedGroup[] = []
	const ruleWarnings: CriterionRef[] = []

	for (const norm of set.themes.flatMap((t) => t.norms)) {
		const groups = criterionGroups(norm, profile)
		// Keep the norm-set order for the assessor's screen.
		const assessKeys = new Set<string>()
		for (const { alternatives } of groups) {
			const answered = alternatives.filter((c) => isCriterionAnswered(c, answers))
			for (const c of answered.length > 0 ? answered : alternatives) assessKeys.add(c.key)
		}
		const ref = (criterion: Criterion) => criterionRef({ norm, criterion })
		for (const criterion of norm.criteria) {
			if (!assessKeys.has(criterion.key)) continue
			toAssess.push(ref(criterion))
			if (criterion.evidence.some((item) => ruleBroken(item, answers[item.key]))) {
				ruleWarnings.push(ref(criterion))
			}
		}
		for (const { group, alternatives } of groups) {
			const assessed = alternatives.filter((c) => assessKeys.has(c.key))
			// Once one alternative is sufficient the others need no verdict.
			if (assessed.some((c) => verdicts[c.key] === 'sufficient')) continue
			unsatisfiedGroups.push({ normCode: norm.code, group, criteria: alternatives.map(ref) })
			for (const c of assessed) {
				if (verdicts[c.key] === 'insufficient') insufficient.push(ref(c))
				else missingVerdicts.push(ref(c))
			}
		}
	}

	const allAssessed = missingVerdicts.length === 0
	const qualifies = unsatisfiedGroups.length === 0
	let outcome: RoundOutcome | null = null
	if (allAssessed) {
		if (qualifies) outcome = 'qualified'
		else if (limits.revisionsUsed < limits.maxRevisions) outcome = 'revision_requested'
		else outcome = 'not_qualified'
	}
	return {
		toAssess,
		missingVerdicts,
		allAssessed,
		qualifies,
		insufficient,
		unsatisfiedGroups,
		ruleWarnings,
		outcome,
	}
}
