import type { selfEvaluation as nl } from '../nl/self-evaluation.ts'

export const selfEvaluation: Record<keyof typeof nl, string> = {
	title: 'Self-evaluation',
}
