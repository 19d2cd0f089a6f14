// /consultatie/:year/aanmelden — anyone may react to a consultation that is open to the public,
// with a verified address: this form creates an account and mails the link that verifies the
// address (the portal's one invitation mechanism). The answer never says whether the address
// already had an account.
import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/register'
import { parseYear } from './reader.server.ts'
import { ConsultationErrorBoundary } from './ui.tsx'
import { ErrorSummary, InputField, SubmitButton } from '#app/components/forms.tsx'
import { isConsultationOpen } from '#app/domain/consultation.ts'
import { useT } from '#app/i18n/react.tsx'
import { now } from '#app/lib/clock.server.ts'
import { emailField, parseForm, readForm } from '#app/lib/forms.ts'
import { clientIp, notFound } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { getOptionalUser } from '#app/lib/permissions.server.ts'
import { answerRefusal } from '#app/lib/refusal-response.server.ts'
import { registerPublicReactor } from '#app/services/consultation-accounts.server.ts'
import { getConsultation } from '#app/services/consultation.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

const schema = z.object({
	email: emailField,
	name: z.string().trim().min(2, 'consultation.errorName').max(120, 'consultation.errorName'),
	organisationName: z.string().trim().max(200, 'consultation.errorOrganisationName').optional(),
	// A honeypot: people leave it empty, form-filling robots do not.
	website: z.string().max(0).optional(),
})

async function openToPublic(rawYear: string | undefined) {
	const year = parseYear(rawYear)
	const consultation = await getConsultation(year)
	if (!consultation?.openToPublic || !isConsultationOpen(consultation, now())) notFound()
	return { year, consultation }
}

export async function loader({ params }: Route.LoaderArgs) {
	const { year } = await openToPublic(params.year)
	return { year }
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { year } = await openToPublic(params.year)
	const form = parseForm(schema, await readForm(request))
	if (!form.success) return data(form, { status: 400 })
	const locale = await getLocale(request, await getOptionalUser(request))
	try {
		await registerPublicReactor(
			year,
			{ email: form.data.email, name: form.data.name, organisationName: form.data.organisationName || null },
			clientIp(request, context),
		)
	} catch (error) {
		return answerRefusal(error, locale, { email: form.data.email, name: form.data.name })
	}
	return { success: true as const, email: form.data.email }
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.consultationRegister'])

export default function RegisterForConsultation({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { year } = loaderData
	if (actionData && 'success' in actionData && actionData.success) {
		return (
			<div className="narrow">
				<h1>{t('consultation.registerTitle', { year })}</h1>
				<p className="panel panel--success" role="status">
					{t('consultation.registerSent', { email: actionData.email })}
				</p>
			</div>
		)
	}
	const errors = actionData && 'success' in actionData && !actionData.success ? actionData : undefined
	const typed = (name: string) => (typeof errors?.values[name] === 'string' ? (errors.values[name] as string) : '')
	return (
		<div className="narrow">
			<p>
				<Link to={href('/consultatie/:year', { year: String(year) })}>{t('consultation.backToConcept', { year })}</Link>
			</p>
			<h1>{t('consultation.registerTitle', { year })}</h1>
			<p className="lead">{t('consultation.registerIntro')}</p>
			<ErrorSummary fieldErrors={errors?.fieldErrors} formErrors={errors?.formErrors} />
			<Form method="post" className="form" noValidate>
				<InputField
					name="name"
					label={t('consultation.registerName')}
					autoComplete="name"
					defaultValue={typed('name')}
					errors={errors?.fieldErrors.name}
					required
				/>
				<InputField
					name="email"
					type="email"
					label={t('consultation.registerEmail')}
					autoComplete="email"
					defaultValue={typed('email')}
					errors={errors?.fieldErrors.email}
					required
				/>
				<InputField
					name="organisationName"
					label={t('consultation.registerOrganisation')}
					hint={t('consultation.registerOrganisationHint')}
					defaultValue={typed('organisationName')}
					errors={errors?.fieldErrors.organisationName}
				/>
				<div className="visually-hidden" aria-hidden="true">
					<label htmlFor="field-website">Website</label>
					<input id="field-website" name="website" tabIndex={-1} autoComplete="off" />
				</div>
				<SubmitButton>{t('consultation.registerSubmit')}</SubmitButton>
			</Form>
		</div>
	)
}

export const ErrorBoundary = ConsultationErrorBoundary
