import { data, Form, href, Link } from 'react-router'
import type { Route } from './+types/check'
import { actorOf, requireSelfEvaluation } from './context.server.ts'
import { DueDate, ProgressBar, selfEvaluationLinks } from './ui.tsx'
import { controlId } from './missing-marks.ts'
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { ErrorSummary, SubmitButton } from '#app/components/forms.tsx'
import { daysLeft } from '#app/domain/calendar.ts'
import { allEvidence } from '#app/domain/norm-set.ts'
import { missingLines, ruleWarningText } from '#app/i18n/completeness.ts'
import { translateError } from '#app/i18n/errors.ts'
import { useT } from '#app/i18n/react.tsx'
import { attempt } from '#app/lib/forms.ts'
import { now } from '#app/lib/clock.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { deadlineOf, submissionRefusal, submitRound } from '#app/services/self-evaluation.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export const links: Route.LinksFunction = selfEvaluationLinks

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, participation, loaded, draft, report, year, providerId } = await requireSelfEvaluation(request, params)
	const deadline = deadlineOf(participation)
	const items = new Map(allEvidence(loaded.normSet).map(({ item }) => [item.key, item]))
	// Issue 13: the state machine says whether it would accept a submission now, through the one
	// clock, so this page can never call a round submittable that submitRound would refuse.
	const refusal = draft ? await submissionRefusal(participation.id) : null
	return {
		providerId,
		year,
		draft: draft ? { number: draft.number } : null,
		deadline: deadline.toISOString(),
		daysLeft: daysLeft(now(), deadline),
		complete: report.complete,
		closed: refusal ? translateError(refusal, user.locale) : null,
		totals: report.totals,
		missingCount: report.missing.length,
		missing: missingLines(report.missing, user.locale, loaded.normSet).map((line) => {
			const item = line.first.evidenceKey ? items.get(line.first.evidenceKey) : undefined
			// The link lands on the control the first issue is about, or on the first alternative.
			const anchor = item ? controlId(item, line.first.issue) : `criterium-${line.criterionCodes[0] ?? ''}`
			return { normCode: line.normCode, anchor, message: line.text }
		}),
		warnings: report.warnings.map((entry) => ruleWarningText(entry, user.locale)),
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, year, providerId, participation } = await requireSelfEvaluation(request, params)
	const result = await attempt(() => submitRound(actorOf(user), participation))
	if (!result.ok)
		return data({ formErrors: [translateError(result.error, user.locale)] }, { status: result.error.status })
	return redirectWithToast(href('/aanbieder/:providerId/zelfevaluatie/:year', { providerId, year: String(year) }), {
		type: 'success',
		key: 'selfEvaluation.toastSubmitted',
	})
}

export default function Check({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { providerId, year, draft, complete, closed, totals, missing, warnings } = loaderData
	const base = href('/aanbieder/:providerId/zelfevaluatie/:year', { providerId, year: String(year) })
	return (
		<div className="stack self-evaluation">
			<p>
				<Link to={base}>{t('selfEvaluation.backToOverview')}</Link>
			</p>
			<h1>{t('selfEvaluation.checkTitle')}</h1>
			{!draft ? (
				<p className="panel panel--info">{t('selfEvaluation.readOnly')}</p>
			) : (
				<>
					<DueDate deadline={loaderData.deadline} days={loaderData.daysLeft} closed={Boolean(closed)} />
					<ProgressBar answered={totals.answered} required={totals.required} />
					<ErrorSummary formErrors={actionData?.formErrors} />
					{complete ? (
						<p className={`panel ${closed ? 'panel--info' : 'panel--success'}`}>
							{t(closed ? 'selfEvaluation.checkCompleteClosed' : 'selfEvaluation.checkComplete')}
						</p>
					) : (
						<section className="panel panel--warning" aria-labelledby="missing-title">
							<h2 id="missing-title">{t('selfEvaluation.checkMissingLines', { count: missing.length })}</h2>
							<ul className="missing-list">
								{missing.map((entry, index) => (
									<li key={index}>
										<Link to={`${base}/norm/${entry.normCode}#${entry.anchor}`}>{entry.message}</Link>
									</li>
								))}
							</ul>
						</section>
					)}
					{warnings.length ? (
						<section className="panel panel--info" aria-labelledby="warnings-title">
							<h2 id="warnings-title">{t('selfEvaluation.checkWarnings')}</h2>
							<ul>
								{warnings.map((warning) => (
									<li key={warning}>{warning}</li>
								))}
							</ul>
						</section>
					) : null}
					{closed ? (
						// Issue 13: no button that cannot work; the reason instead (the term has passed…).
						<p className="panel panel--warning" id="submit-closed">
							<strong>{t('selfEvaluation.submitClosed')}</strong> {closed}
						</p>
					) : (
						<Form method="post" className="stack">
							<p id="submit-explanation">
								{complete
									? t('selfEvaluation.submitConfirm')
									: t('selfEvaluation.submitBlocked', { count: missing.length })}
							</p>
							<div className="button-row">
								{/* Never disabled: pressed while incomplete, the server says what is missing. */}
								<SubmitButton aria-describedby="submit-explanation">
									{draft.number > 1 ? t('selfEvaluation.submitRevision') : t('selfEvaluation.submit')}
								</SubmitButton>
							</div>
						</Form>
					)}
				</>
			)}
		</div>
	)
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, ['meta.check', ['meta.selfEvaluationYear', { year: args.loaderData?.year ?? '' }]])

export const ErrorBoundary = RouteErrorBoundary
