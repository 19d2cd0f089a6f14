import { href, Link } from 'react-router'
import type { Route } from './+types/round'
import { requireSelfEvaluation } from './context.server.ts'
import { DocumentList, outcomeKey, selfEvaluationLinks } from './ui.tsx'
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { applies, isNormApplicable } from '#app/domain/norm-set.ts'
import type { EvidenceItem } from '#app/domain/norm-set.ts'
import type { EvidenceAnswer } from '#app/domain/self-evaluation.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { notFound } from '#app/lib/http.server.ts'
import { roundAnswers } from '#app/services/assessment.server.ts'
import { answerRows, decidedFeedback, profileOf } from '#app/services/self-evaluation.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export const links: Route.LinksFunction = selfEvaluationLinks

// A submitted round, frozen, with the assessor's feedback once the decision took effect.
export async function loader({ request, params }: Route.LoaderArgs) {
	const { participation, loaded, year, providerId } = await requireSelfEvaluation(request, params)
	const number = Number(params.round)
	const round = participation.rounds.find(
		(candidate) => candidate.number === number && candidate.status === 'submitted',
	)
	if (!Number.isInteger(number) || !round) notFound()
	const profile = profileOf(participation)
	const answers = await roundAnswers(round.id, loaded)
	const rows = await answerRows(round.id, loaded)
	const feedback = await decidedFeedback(round, loaded)
	const norms = loaded.normSet.themes
		.flatMap((theme) => theme.norms)
		.filter((norm) => isNormApplicable(norm, profile))
		.map((norm) => ({
			code: norm.code,
			title: norm.title,
			criteria: norm.criteria.filter((criterion) => applies(criterion.appliesTo, profile)),
		}))
	return {
		providerId,
		year,
		round: { number: round.number, submittedAt: round.submittedAt, outcome: round.decidedAt ? round.outcome : null },
		norms,
		answers,
		documents: Object.fromEntries(Object.entries(rows).map(([key, row]) => [key, row.documents])),
		feedback,
	}
}

export default function Round({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { providerId, year, round, norms, answers, documents, feedback } = loaderData
	const base = href('/aanbieder/:providerId/zelfevaluatie/:year', { providerId, year: String(year) })
	return (
		<div className="stack self-evaluation">
			<p>
				<Link to={base}>{t('selfEvaluation.backToOverview')}</Link>
			</p>
			<h1>{t('selfEvaluation.roundTitle', { round: round.number, year })}</h1>
			<p className="panel panel--info">
				{round.submittedAt
					? t('selfEvaluation.frozenNotice', { date: formatDateTime(round.submittedAt, locale) })
					: null}{' '}
				· {t(outcomeKey(round.outcome))}
			</p>
			<p>
				<a className="button" href={`${base}/pdf?ronde=${round.number}`} download>
					{t('selfEvaluation.pdfDownloadRound', { round: round.number })}
				</a>
			</p>
			{norms.map((norm) => (
				<section key={norm.code} className="stack" aria-labelledby={`norm-${norm.code}`}>
					<h2 id={`norm-${norm.code}`}>{t('selfEvaluation.normLink', { code: norm.code, title: norm.title })}</h2>
					{norm.criteria.map((criterion) => {
						const verdict = feedback[criterion.key]
						return (
							<article
								key={criterion.key}
								className={`criterion${verdict?.verdict === 'insufficient' ? ' criterion--insufficient' : ''}`}
								aria-labelledby={`c-${criterion.code}`}
							>
								<h3 id={`c-${criterion.code}`} className="h-small">
									{t('selfEvaluation.criterionTitle', { code: criterion.code })}
								</h3>
								<p>{criterion.text}</p>
								{criterion.evidence.map((item) => (
									<div key={item.key}>
										<p>
											<strong>{item.label}</strong>
										</p>
										<AnswerView item={item} answer={answers[item.key]} />
										{item.kind === 'template_upload' || documents[item.key]?.length ? (
											<DocumentList base={base} documents={documents[item.key] ?? []} editable={false} />
										) : null}
									</div>
								))}
								{verdict ? (
									<div className={`panel ${verdict.verdict === 'insufficient' ? 'panel--warning' : 'panel--success'}`}>
										<p>
											<strong>
												{t(
													verdict.verdict === 'insufficient'
														? 'selfEvaluation.verdictInsufficient'
														: 'selfEvaluation.verdictSufficient',
												)}
											</strong>
											{verdict.feedback ? `: ${verdict.feedback}` : ''}
										</p>
									</div>
								) : null}
							</article>
						)
					})}
				</section>
			))}
		</div>
	)
}

function AnswerView({ item, answer }: { item: EvidenceItem; answer: EvidenceAnswer | undefined }) {
	const t = useT()
	const parts: React.ReactNode[] = []
	if (answer?.text)
		parts.push(
			<p key="text" className="answer-text">
				{answer.text}
			</p>,
		)
	if (answer?.url) parts.push(<p key="url">{answer.url}</p>)
	if (answer?.number !== undefined && answer.number !== null)
		parts.push(<p key="number">{String(answer.number).replace('.', ',')}</p>)
	if (item.kind === 'declaration')
		parts.push(<p key="declared">{t(answer?.declared ? 'selfEvaluation.declared' : 'selfEvaluation.notDeclared')}</p>)
	if (answer?.checkedElements?.length) {
		parts.push(
			<ul key="checked">
				{answer.checkedElements.map((element) => (
					<li key={element}>{element}</li>
				))}
			</ul>,
		)
	}
	if (parts.length === 0 && item.kind !== 'template_upload')
		return <p className="field__hint">{t('selfEvaluation.noAnswer')}</p>
	return <>{parts}</>
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [
		['meta.round', { number: args.loaderData?.round.number ?? '' }],
		['meta.selfEvaluationYear', { year: args.loaderData?.year ?? '' }],
	])

export const ErrorBoundary = RouteErrorBoundary
