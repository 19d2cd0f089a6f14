// /medewerkers/consultaties/:year — one consultation: its window and audience, the process as
// entered for the changes document, and per norm how many reactions came in with the four ratings
// (a small chart) and whether a decision has been recorded. Administrators change the settings
// until the norms are adopted (publishing the norm set publishes the document).
import { data, Form, href, Link } from 'react-router'
import type { Route } from './+types/detail'
import { SettingsFields } from './settings-fields.tsx'
import { settingsSchema, toSettings } from './settings-form.ts'
import { ErrorSummary, SubmitButton } from '#app/components/forms.tsx'
import { ConsultationErrorBoundary, PhaseBadge, RatingChart, WindowText } from '#app/routes/consultation/ui.tsx'
import { parseYear } from '#app/routes/consultation/reader.server.ts'
import { useT } from '#app/i18n/react.tsx'
import { formDataToValues, parseForm, readForm } from '#app/lib/forms.ts'
import { notFound } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { answerRefusal } from '#app/lib/refusal-response.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { staffOverview, updateConsultation } from '#app/services/consultation.server.ts'
import { useStaffRole } from '../ui.tsx'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireStaff(request)
	const year = parseYear(params.year)
	const overview = await staffOverview(year)
	if (!overview) notFound()
	const decided = (target: string) => target in overview.points
	return {
		year,
		consultation: overview.consultation,
		markName: overview.normSet.markName,
		norms: overview.norms.map((norm) => ({
			...norm,
			decided: [`norm:${norm.key}`, ...norm.criteria.map((criterion) => `criterion:${criterion.key}`)].filter(decided)
				.length,
			points: 1 + norm.criteria.length,
		})),
		general: overview.general,
		responses: overview.responses,
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const year = parseYear(params.year)
	const formData = await readForm(request)
	const form = parseForm(settingsSchema, formData)
	if (!form.success) return data(form, { status: 400 })
	try {
		await updateConsultation(
			{ type: 'staff', userId: user.id },
			year,
			toSettings(form.data),
			Number(formData.get('version')),
		)
	} catch (error) {
		return answerRefusal(error, await getLocale(request, user), formDataToValues(formData))
	}
	return redirectWithToast(href('/medewerkers/consultaties/:year', { year: String(year) }), {
		type: 'success',
		key: 'consultation.toastSaved',
	})
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [['meta.consultationYear', { year: args.params.year }], 'meta.staff'])

export default function StaffConsultation({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const role = useStaffRole()
	const { year, consultation, norms, general, responses, markName } = loaderData
	const failure = actionData && !actionData.success ? actionData : undefined
	const count = (status: 'draft' | 'submitted', type?: string) =>
		responses
			.filter((entry) => entry.status === status && (!type || entry.reactorType === type))
			.reduce((sum, entry) => sum + entry.count, 0)
	const editable = role === 'admin' && consultation.phase !== 'adopted'
	return (
		<div className="stack">
			<p>
				<Link to="/medewerkers/consultaties">{t('consultation.backToStaff')}</Link>
			</p>
			<h1>{t('consultation.staffDetailTitle', { markName, year })}</h1>
			<p className="lead">
				<PhaseBadge phase={consultation.phase} />{' '}
				<WindowText opensOn={consultation.opensOn} closesOn={consultation.closesOn} />
			</p>
			<ul className="inline-list">
				<li>{t('consultation.countSubmitted', { count: count('submitted') })}</li>
				<li>{t('consultation.countCarriers', { count: count('submitted', 'carrier') })}</li>
				<li>{t('consultation.countOrganisations', { count: count('submitted', 'organisation') })}</li>
				<li>{t('consultation.countPublic', { count: count('submitted', 'public') })}</li>
				<li>{t('consultation.countDrafts', { count: count('draft') })}</li>
			</ul>
			<p className="button-row">
				<Link
					className="button button--primary"
					to={href('/medewerkers/consultaties/:year/reacties', { year: String(year) })}
				>
					{t('consultation.toReactions')}
				</Link>
				<a className="button" href={href('/medewerkers/consultaties/:year/reacties.csv', { year: String(year) })}>
					{t('consultation.exportCsv')}
				</a>
				<Link to={href('/medewerkers/normen/:year', { year: String(year) })}>
					{t('consultation.toNormSet', { year })}
				</Link>
				<Link to={href('/consultatie/:year', { year: String(year) })}>{t('consultation.toConcept')}</Link>
				{consultation.phase === 'adopted' ? (
					<Link to={href('/normen/:year/wijzigingen', { year: String(year) })}>
						{t('consultation.readChanges', { year })}
					</Link>
				) : null}
			</p>
			{consultation.phase !== 'adopted' ? (
				<p className="panel panel--info">{t('consultation.adoptionHint', { year })}</p>
			) : null}

			<section aria-labelledby="per-norm" className="stack">
				<h2 id="per-norm">{t('consultation.perNormTitle')}</h2>
				<p>{t('consultation.generalCount', { count: general })}</p>
				{norms.map((norm) => (
					<article key={norm.key} className="card stack" aria-labelledby={`norm-${norm.key}`}>
						<h3 id={`norm-${norm.key}`}>
							<Link
								to={`${href('/medewerkers/consultaties/:year/reacties', { year: String(year) })}?punt=${encodeURIComponent(`norm:${norm.key}`)}`}
							>
								{t('consultation.normHeading', { code: norm.code, title: norm.title })}
							</Link>
						</h3>
						<p>
							{t('consultation.normCounts', { count: norm.reactions })} ·{' '}
							{t('consultation.decidedCount', { decided: norm.decided, points: norm.points })}
						</p>
						<RatingChart ratings={norm.ratings} title={t('consultation.chartTitle', { code: norm.code })} />
						<ul className="inline-list">
							{norm.criteria.map((criterion) => (
								<li key={criterion.key}>
									{t('consultation.criterionCount', { code: criterion.code, count: criterion.reactions })}
								</li>
							))}
						</ul>
					</article>
				))}
			</section>

			<section className="panel stack" aria-labelledby="settings-title">
				<h2 id="settings-title">{t('consultation.settingsTitle')}</h2>
				<Form method="post" className="form stack" noValidate>
					<ErrorSummary fieldErrors={failure?.fieldErrors} formErrors={failure?.formErrors} />
					<input type="hidden" name="version" value={consultation.version} />
					<fieldset disabled={!editable} className="stack">
						<legend className="visually-hidden">{t('consultation.settingsTitle')}</legend>
						<SettingsFields stored={consultation} values={failure?.values} errors={failure?.fieldErrors} />
						{editable ? <SubmitButton>{t('consultation.saveSettings')}</SubmitButton> : null}
					</fieldset>
				</Form>
			</section>
		</div>
	)
}

export const ErrorBoundary = ConsultationErrorBoundary
