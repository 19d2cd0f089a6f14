// The self-evaluation: filling in, autosave, submission, feedback, revision, certificate.
export const selfEvaluation = {
	title: 'Zelfevaluatie',
}
