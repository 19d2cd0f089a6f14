import { downloadResponse } from '#app/lib/download.ts'
import type { Route } from './+types/export'
import { requireSelfEvaluation } from './context.server.ts'
import { outcomeKey } from './ui.tsx'
import { applies, isNormApplicable } from '#app/domain/norm-set.ts'
import { missingLines } from '#app/i18n/completeness.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { translate } from '#app/i18n/translate.ts'
import { now } from '#app/lib/clock.server.ts'
import { notFound } from '#app/lib/http.server.ts'
import { roundAnswers } from '#app/services/assessment.server.ts'
import { answerRows, decidedFeedback, profileOf } from '#app/services/self-evaluation.server.ts'
import { selfEvaluationPdf } from '#templates/self-evaluation.ts'

// The whole self-evaluation as a PDF (issue 13): the round on screen now (the draft, or the last
// submitted one), or with `?ronde=N` a submitted round with its feedback once decided. Members of
// the provider only (requireSelfEvaluation: anyone else gets a 404).
export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, participation, loaded, shown, report, year } = await requireSelfEvaluation(request, params)
	const asked = new URL(request.url).searchParams.get('ronde')
	const round = asked
		? participation.rounds.find((candidate) => String(candidate.number) === asked && candidate.status === 'submitted')
		: shown
	if (!round) notFound()
	const locale = user.locale
	const profile = profileOf(participation)
	const answers = await roundAnswers(round.id, loaded)
	const rows = await answerRows(round.id, loaded)
	const feedback = await decidedFeedback(round, loaded)
	const isDraft = round.status === 'draft'
	const statusLine = isDraft
		? translate(locale, 'selfEvaluation.pdfDraft')
		: `${translate(locale, 'selfEvaluation.pdfSubmittedOn', {
				date: round.submittedAt ? formatDateTime(round.submittedAt, locale) : '',
			})} · ${translate(locale, outcomeKey(round.decidedAt ? round.outcome : null))}`
	const pdf = await selfEvaluationPdf({
		locale,
		markName: participation.markYear.markName,
		providerName: participation.provider.name,
		year,
		roundNumber: round.number,
		statusLine,
		// For a draft, what still stands between it and submission; a submitted round is complete.
		missing: isDraft ? missingLines(report.missing, locale, loaded.normSet).map((line) => line.text) : [],
		norms: loaded.normSet.themes
			.flatMap((theme) => theme.norms)
			.filter((norm) => isNormApplicable(norm, profile))
			.map((norm) => ({
				code: norm.code,
				title: norm.title,
				clientPromise: norm.clientPromise ?? null,
				criteria: norm.criteria
					.filter((criterion) => applies(criterion.appliesTo, profile))
					.map((criterion) => {
						const verdict = feedback[criterion.key]
						return {
							code: criterion.code,
							text: criterion.text,
							items: criterion.evidence.map((item) => ({
								item,
								answer: answers[item.key],
								documents: (rows[item.key]?.documents ?? []).map((document) => document.name),
							})),
							verdict: verdict ? { sufficient: verdict.verdict === 'sufficient', feedback: verdict.feedback } : null,
						}
					}),
			})),
		madeOn: formatDateTime(now(), locale),
		createdAt: now(),
	})
	const name = `zelfevaluatie-${year}-ronde-${round.number}.pdf`
	return downloadResponse(new Uint8Array(pdf), { name, type: 'application/pdf' })
}
