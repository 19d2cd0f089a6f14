import { href, Link } from 'react-router'
import type { Route } from './+types/overview'
import { requireSelfEvaluation } from './context.server.ts'
import { DueDate, NormNav, ProgressBar, outcomeKey, selfEvaluationLinks } from './ui.tsx'
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { StateBadge } from '#app/components/status-badge.tsx'
import { daysLeft } from '#app/domain/calendar.ts'
import { allCriteria } from '#app/domain/norm-set.ts'
import { formatDate, formatDateTime } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { now } from '#app/lib/clock.server.ts'
import { deadlineOf, decidedFeedback } from '#app/services/self-evaluation.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export const links: Route.LinksFunction = selfEvaluationLinks

export async function loader({ request, params }: Route.LoaderArgs) {
	const { participation, loaded, draft, shown, report, year, providerId } = await requireSelfEvaluation(request, params)
	const deadline = deadlineOf(participation)
	const submitted = participation.rounds.filter((round) => round.status === 'submitted')
	const lastDecided = submitted.filter((round) => round.decidedAt).at(-1)
	const criteria = new Map(
		allCriteria(loaded.normSet).map(({ norm, criterion }) => [
			criterion.key,
			{ code: criterion.code, normCode: norm.code },
		]),
	)
	const feedback = lastDecided ? await decidedFeedback(lastDecided, loaded) : {}
	const insufficient = Object.entries(feedback)
		.filter(([, entry]) => entry.verdict === 'insufficient')
		.map(([key, entry]) => ({
			key,
			code: criteria.get(key)?.code ?? key,
			normCode: criteria.get(key)?.normCode ?? '1',
			feedback: entry.feedback,
		}))
		.sort((a, b) => a.code.localeCompare(b.code, 'nl', { numeric: true }))
	const certificate =
		participation.certificate && ['qualified', 'sampled', 'confirmed'].includes(participation.state)
			? participation.certificate
			: null
	return {
		providerId,
		year,
		state: participation.state,
		deadline: deadline.toISOString(),
		daysLeft: daysLeft(now(), deadline),
		draft: draft ? { number: draft.number, prefilledFromYear: draft.prefilledFromYear } : null,
		shown: shown ? { number: shown.number, status: shown.status, submittedAt: shown.submittedAt } : null,
		report: { complete: report.complete, totals: report.totals, norms: report.norms, missing: report.missing.length },
		rounds: submitted.map((round) => ({
			number: round.number,
			submittedAt: round.submittedAt,
			outcome: round.decidedAt ? round.outcome : null,
		})),
		insufficient,
		// The assessor's general message; the internal notes of the round never leave the staff side.
		assessorMessage: lastDecided?.assessmentMessage ?? null,
		lastDecidedRound: lastDecided?.number ?? null,
		certificate: certificate ? { number: certificate.number, validUntil: certificate.validUntil } : null,
	}
}

export default function Overview({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { providerId, year, state, draft, shown, report, rounds, insufficient, certificate, lastDecidedRound } =
		loaderData
	const base = href('/aanbieder/:providerId/zelfevaluatie/:year', { providerId, year: String(year) })
	const revision = state === 'revision_requested' && draft
	return (
		<div className="stack self-evaluation">
			<h1>{t('selfEvaluation.titleYear', { year })}</h1>
			<p>
				<StateBadge state={state} />
			</p>

			{certificate ? (
				<section className="panel panel--success" aria-labelledby="qualified-title">
					<h2 id="qualified-title">{t('selfEvaluation.qualifiedTitle')}</h2>
					<p>
						{t('selfEvaluation.qualifiedText', {
							year,
							number: certificate.number,
							validUntil: formatDate(certificate.validUntil, locale),
						})}
					</p>
					<p>
						<a
							className="button button--primary"
							href={href('/aanbieder/:providerId/certificaat/:year', { providerId, year: String(year) })}
							download
						>
							{t('selfEvaluation.downloadCertificate')}
						</a>
					</p>
				</section>
			) : null}

			{state === 'withdrawn' ? (
				<p className="panel panel--danger">{t('selfEvaluation.statusWithdrawn', { year })}</p>
			) : null}

			{revision ? (
				<section className="panel panel--warning" aria-labelledby="revision-title">
					<h2 id="revision-title">{t('selfEvaluation.revisionTitle')}</h2>
					<p>{t('selfEvaluation.revisionIntro', { date: formatDateTime(loaderData.deadline, locale) })}</p>
					{loaderData.assessorMessage ? (
						<>
							<h3 className="h-small">{t('selfEvaluation.assessorMessage')}</h3>
							<p className="pre-wrap">{loaderData.assessorMessage}</p>
						</>
					) : null}
					{insufficient.length ? (
						<>
							<h3 className="h-small">{t('selfEvaluation.feedbackTitle')}</h3>
							<ul>
								{insufficient.map((entry) => (
									<li key={entry.key}>
										<strong>{t('selfEvaluation.feedbackFor', { code: entry.code })}</strong> (
										{t('selfEvaluation.verdictInsufficient')}): {entry.feedback}
									</li>
								))}
							</ul>
						</>
					) : null}
					<p className="button-row">
						<Link
							className="button button--primary"
							to={`${base}/norm/${insufficient[0]?.normCode ?? report.norms[0]?.code ?? '1'}${insufficient[0] ? `#criterium-${insufficient[0].code}` : ''}`}
						>
							{t('selfEvaluation.revisionStart')}
						</Link>
						{lastDecidedRound ? (
							<Link to={`${base}/ronde/${lastDecidedRound}`}>
								{t('selfEvaluation.viewRound', { round: lastDecidedRound })}
							</Link>
						) : null}
					</p>
				</section>
			) : null}

			{draft ? (
				<section className="stack" aria-labelledby="current-title">
					<h2 id="current-title">
						{draft.number === 1
							? t('selfEvaluation.roundFirst')
							: t('selfEvaluation.roundRevision', { round: draft.number })}
					</h2>
					<p>{t('selfEvaluation.statusDraft')}</p>
					<DueDate deadline={loaderData.deadline} days={loaderData.daysLeft} />
					{draft.prefilledFromYear ? (
						<p className="panel panel--info">{t('selfEvaluation.prefilled', { year: draft.prefilledFromYear })}</p>
					) : null}
					<ProgressBar answered={report.totals.answered} required={report.totals.required} />
					<NormNav base={base} norms={report.norms} checkLink={false} />
					<p>
						<Link className="button button--primary" to={`${base}/controle`}>
							{t('selfEvaluation.goCheck')}
						</Link>
					</p>
				</section>
			) : shown?.status === 'submitted' && state === 'submitted' && shown.submittedAt ? (
				<p className="panel panel--info">
					{t('selfEvaluation.statusSubmitted', { date: formatDateTime(shown.submittedAt, locale) })}
				</p>
			) : !shown ? (
				<p className="empty-state">{t('selfEvaluation.notStarted', { year })}</p>
			) : null}

			{shown ? (
				<p>
					{/* A plain link: the browser downloads the PDF (issue 13: for the board, the interview). */}
					<a className="button" href={`${base}/pdf`} download>
						{t('selfEvaluation.pdfDownload')}
					</a>
				</p>
			) : null}

			<section aria-labelledby="rounds-title" className="stack">
				<h2 id="rounds-title">{t('selfEvaluation.earlierRounds')}</h2>
				{rounds.length === 0 ? (
					<p className="empty-state">{t('selfEvaluation.noEarlierRounds')}</p>
				) : (
					<ul className="card-list">
						{rounds.map((round) => (
							<li key={round.number} className="card">
								<Link to={`${base}/ronde/${round.number}`}>
									{t('selfEvaluation.viewRound', { round: round.number })}
								</Link>
								<span>
									{round.submittedAt
										? t('selfEvaluation.roundSubmittedOn', { date: formatDateTime(round.submittedAt, locale) })
										: null}{' '}
									· {t(outcomeKey(round.outcome))}
								</span>
							</li>
						))}
					</ul>
				)}
			</section>
		</div>
	)
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [['meta.selfEvaluationYear', { year: args.loaderData?.year ?? '' }]])

export const ErrorBoundary = RouteErrorBoundary
