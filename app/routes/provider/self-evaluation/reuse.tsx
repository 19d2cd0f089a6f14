import { z } from 'zod'
import { data, Form, href, Link } from 'react-router'
import type { Route } from './+types/reuse'
import { actorOf, requireSelfEvaluation } from './context.server.ts'
import { selfEvaluationLinks } from './ui.tsx'
import { ErrorSummary, SubmitButton } from '#app/components/forms.tsx'
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { translateError } from '#app/i18n/errors.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useT } from '#app/i18n/react.tsx'
import { attempt, parseForm, readForm } from '#app/lib/forms.ts'
import { notFound } from '#app/lib/http.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { reuseOffer, takeOverLastYear } from '#app/services/self-evaluation-reuse.server.ts'

export const links: Route.LinksFunction = selfEvaluationLinks

// Issue 13: "take over last year's answers and documents" as an explicit choice, reviewed per
// criterion. Unchanged criteria are proposed (ticked), changed ones are shown with a warning and
// left unticked; nothing is copied until the provider confirms, and only what is ticked.
const schema = z.object({
	criterion: z
		.union([z.string().max(200), z.array(z.string().max(200)).max(500)])
		.optional()
		.transform((value) => (value === undefined ? [] : [value].flat())),
})

export async function loader({ request, params }: Route.LoaderArgs) {
	const { providerId, year } = await requireSelfEvaluation(request, params)
	const offer = await reuseOffer(providerId, year)
	if (!offer) notFound()
	return { providerId, year, offer }
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, providerId, year } = await requireSelfEvaluation(request, params)
	const parsed = parseForm(schema, await readForm(request))
	if (!parsed.success) return data({ formErrors: parsed.formErrors }, { status: 400 })
	const result = await attempt(() =>
		takeOverLastYear(actorOf(user), { providerId, year, accepted: parsed.data.criterion }),
	)
	if (!result.ok)
		return data({ formErrors: [translateError(result.error, user.locale)] }, { status: result.error.status })
	return redirectWithToast(href('/aanbieder/:providerId/zelfevaluatie/:year', { providerId, year: String(year) }), {
		type: 'success',
		key: result.value.criteria > 0 ? 'selfEvaluation.toastTakenOver' : 'selfEvaluation.toastNothingTakenOver',
		params: { count: result.value.criteria, year: result.value.fromYear },
	})
}

export default function Reuse({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { providerId, year, offer } = loaderData
	const base = href('/aanbieder/:providerId/zelfevaluatie/:year', { providerId, year: String(year) })
	const unchanged = offer.criteria.filter((criterion) => criterion.status === 'carried').length
	return (
		<div className="stack self-evaluation">
			<p>
				<Link to={base}>{t('selfEvaluation.backToOverview')}</Link>
			</p>
			<h1>{t('selfEvaluation.reuseTitle', { year: offer.fromYear })}</h1>
			<p>{t('selfEvaluation.reuseIntro', { year: offer.fromYear, unchanged, count: offer.criteria.length })}</p>
			<ErrorSummary formErrors={actionData?.formErrors} />
			<Form method="post" className="stack">
				<fieldset className="reuse">
					<legend className="h-small">{t('selfEvaluation.reuseLegend')}</legend>
					{offer.criteria.map((criterion) => {
						const id = `overnemen-${criterion.key}`
						return (
							<div key={criterion.key} className={`reuse__criterion criterion`}>
								<div className="field field--checkbox">
									<input
										id={id}
										type="checkbox"
										className="checkbox"
										name="criterion"
										value={criterion.key}
										defaultChecked={criterion.status === 'carried' && !criterion.alreadyAnswered}
										aria-describedby={`${id}-details`}
									/>
									<label htmlFor={id} className="field__label field__label--inline">
										{t('selfEvaluation.reuseCriterion', {
											code: criterion.code,
											norm: criterion.normCode,
											title: criterion.normTitle,
										})}
									</label>
								</div>
								<div id={`${id}-details`} className="stack">
									<p className={`badge ${criterion.status === 'carried' ? 'badge--success' : 'badge--warning'}`}>
										{t(
											criterion.status === 'carried' ? 'selfEvaluation.reuseUnchanged' : 'selfEvaluation.reuseChanged',
											{ year: offer.fromYear },
										)}
									</p>
									{criterion.alreadyAnswered ? (
										<p className="field__hint">{t('selfEvaluation.reuseAlreadyAnswered')}</p>
									) : null}
									{criterion.items.map((item) => (
										<div key={item.key} className="reuse__item">
											<p>
												<strong>{item.label}</strong>
											</p>
											{item.text ? <p className="answer-text reuse__text">{item.text}</p> : null}
											{item.url ? <p>{item.url}</p> : null}
											{item.checkedElements.length ? (
												<ul>
													{item.checkedElements.map((element) => (
														<li key={element}>{element}</li>
													))}
												</ul>
											) : null}
											{item.documents.length ? (
												<p>{t('selfEvaluation.reuseDocuments', { names: item.documents.join(', ') })}</p>
											) : null}
										</div>
									))}
								</div>
							</div>
						)
					})}
				</fieldset>
				<p className="field__hint">{t('selfEvaluation.reuseNotCarried')}</p>
				<div className="button-row">
					<SubmitButton>{t('selfEvaluation.reuseSubmit')}</SubmitButton>
					<Link to={base} className="button">
						{t('selfEvaluation.reuseCancel')}
					</Link>
				</div>
			</Form>
		</div>
	)
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, ['meta.reuse', ['meta.selfEvaluationYear', { year: args.loaderData?.year ?? '' }]])

export const ErrorBoundary = RouteErrorBoundary
