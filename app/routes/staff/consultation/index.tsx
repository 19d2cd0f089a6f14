// /medewerkers/consultaties — every consultation of concept norms with its phase and the reactions
// so far, and (administrators) opening one on a year's draft norm set (issue 18, DOMAIN.md §9).
import { data, Form, href, Link } from 'react-router'
import type { Route } from './+types/index'
import { SettingsFields } from './settings-fields.tsx'
import { settingsSchema, toSettings } from './settings-form.ts'
import { ErrorSummary, SelectField, SubmitButton } from '#app/components/forms.tsx'
import { ConsultationErrorBoundary, PhaseBadge, WindowText } from '#app/routes/consultation/ui.tsx'
import { useT } from '#app/i18n/react.tsx'
import { formDataToValues, parseForm, readForm } from '#app/lib/forms.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { answerRefusal } from '#app/lib/refusal-response.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { consultableYears, listConsultations, openConsultation } from '#app/services/consultation.server.ts'
import { useStaffRole } from '../ui.tsx'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request }: Route.LoaderArgs) {
	await requireStaff(request)
	const [consultations, years] = await Promise.all([listConsultations(), consultableYears()])
	return { consultations, years }
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const formData = await readForm(request)
	const values = formDataToValues(formData)
	const year = Number(values.year)
	if (!Number.isInteger(year)) return data({ ...parseForm(settingsSchema, formData), yearError: true }, { status: 400 })
	const form = parseForm(settingsSchema, formData)
	if (!form.success) return data(form, { status: 400 })
	try {
		await openConsultation({ type: 'staff', userId: user.id }, year, toSettings(form.data))
	} catch (error) {
		return answerRefusal(error, await getLocale(request, user), values)
	}
	return redirectWithToast(href('/medewerkers/consultaties/:year', { year: String(year) }), {
		type: 'success',
		key: 'consultation.toastOpened',
	})
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.consultations', 'meta.staff'])

export default function StaffConsultations({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const role = useStaffRole()
	const { consultations, years } = loaderData
	const failure = actionData && 'success' in actionData && !actionData.success ? actionData : undefined
	return (
		<div className="stack">
			<h1>{t('consultation.staffTitle')}</h1>
			<p className="lead">{t('consultation.staffIntro')}</p>
			<p>
				<Link to="/medewerkers/consultaties/organisaties">{t('consultation.organisationsLink')}</Link>
			</p>
			{consultations.length === 0 ? (
				<p className="empty-state">{t('consultation.staffNone')}</p>
			) : (
				<table className="table">
					<caption className="visually-hidden">{t('consultation.staffTitle')}</caption>
					<thead>
						<tr>
							<th scope="col">{t('consultation.columnYear')}</th>
							<th scope="col">{t('consultation.columnPhase')}</th>
							<th scope="col">{t('consultation.columnWindow')}</th>
							<th scope="col" className="numeric">
								{t('consultation.columnSubmitted')}
							</th>
							<th scope="col" className="numeric">
								{t('consultation.columnDrafts')}
							</th>
						</tr>
					</thead>
					<tbody>
						{consultations.map((entry) => (
							<tr key={entry.year}>
								<th scope="row">
									<Link to={href('/medewerkers/consultaties/:year', { year: String(entry.year) })}>{entry.year}</Link>
								</th>
								<td>
									<PhaseBadge phase={entry.phase} />
								</td>
								<td>
									<WindowText opensOn={entry.opensOn} closesOn={entry.closesOn} />
								</td>
								<td className="numeric">{entry.submitted}</td>
								<td className="numeric">{entry.drafts}</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
			{role === 'admin' ? (
				<section className="panel stack" aria-labelledby="open-title">
					<h2 id="open-title">{t('consultation.openTitle')}</h2>
					{years.length === 0 ? (
						<p>{t('consultation.noDraftYears')}</p>
					) : (
						<Form method="post" className="form stack" noValidate>
							<ErrorSummary fieldErrors={failure?.fieldErrors} formErrors={failure?.formErrors} />
							<SelectField
								name="year"
								label={t('consultation.draftYear')}
								options={years.map((year) => ({ value: String(year), label: String(year) }))}
								defaultValue={typeof failure?.values.year === 'string' ? failure.values.year : String(years[0])}
							/>
							<SettingsFields stored={null} values={failure?.values} errors={failure?.fieldErrors} />
							<SubmitButton>{t('consultation.openButton')}</SubmitButton>
						</Form>
					)}
				</section>
			) : null}
		</div>
	)
}

export const ErrorBoundary = ConsultationErrorBoundary
