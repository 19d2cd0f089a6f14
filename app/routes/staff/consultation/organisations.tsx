// /medewerkers/consultaties/organisaties — the organisation accounts that take part in
// consultations (insurers, branch bodies): invited by e-mail through the portal's invitation
// mechanism; such an account sees consultations and nothing else (administrators invite).
import { data, Form, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/organisations'
import { ErrorSummary, InputField, SelectField, SubmitButton } from '#app/components/forms.tsx'
import { DateTime } from '#app/components/date-time.tsx'
import { ConsultationErrorBoundary } from '#app/routes/consultation/ui.tsx'
import { useT } from '#app/i18n/react.tsx'
import { emailField, formDataToValues, parseForm, readForm } from '#app/lib/forms.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { answerRefusal } from '#app/lib/refusal-response.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { inviteOrganisation, listOrganisations } from '#app/services/consultation-accounts.server.ts'
import { useStaffRole } from '../ui.tsx'
import { pageMeta } from '#app/i18n/meta.ts'

const ORGANISATION_TYPES = ['insurer', 'branch_body', 'client_body', 'other'] as const

const schema = z.object({
	email: emailField,
	name: z.string().trim().min(2, 'consultation.errorName').max(120, 'consultation.errorName'),
	organisationName: z
		.string()
		.trim()
		.min(2, 'consultation.errorOrganisationName')
		.max(200, 'consultation.errorOrganisationName'),
	organisationType: z.enum(ORGANISATION_TYPES, 'consultation.errorOrganisationType'),
})

export async function loader({ request }: Route.LoaderArgs) {
	await requireStaff(request)
	return { organisations: await listOrganisations() }
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const formData = await readForm(request)
	const form = parseForm(schema, formData)
	if (!form.success) return data(form, { status: 400 })
	try {
		await inviteOrganisation({ type: 'staff', userId: user.id }, form.data)
	} catch (error) {
		return answerRefusal(error, await getLocale(request, user), formDataToValues(formData), 'email')
	}
	return redirectWithToast('/medewerkers/consultaties/organisaties', {
		type: 'success',
		key: 'consultation.toastInvited',
		params: { email: form.data.email },
	})
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.consultationOrganisations', 'meta.staff'])

export default function Organisations({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const role = useStaffRole()
	const failure = actionData && !actionData.success ? actionData : undefined
	const typed = (name: string) => (typeof failure?.values[name] === 'string' ? (failure.values[name] as string) : '')
	return (
		<div className="stack">
			<p>
				<Link to="/medewerkers/consultaties">{t('consultation.backToStaff')}</Link>
			</p>
			<h1>{t('consultation.organisationsTitle')}</h1>
			<p className="lead">{t('consultation.organisationsIntro')}</p>
			{loaderData.organisations.length === 0 ? (
				<p className="empty-state">{t('consultation.organisationsNone')}</p>
			) : (
				<table className="table">
					<caption className="visually-hidden">{t('consultation.organisationsTitle')}</caption>
					<thead>
						<tr>
							<th scope="col">{t('consultation.organisationName')}</th>
							<th scope="col">{t('consultation.organisationType')}</th>
							<th scope="col">{t('consultation.contactPerson')}</th>
							<th scope="col">{t('consultation.accountStatus')}</th>
						</tr>
					</thead>
					<tbody>
						{loaderData.organisations.map((row) => (
							<tr key={row.id}>
								<th scope="row">{row.organisationName ?? '–'}</th>
								<td>
									{row.organisationType
										? t(`consultation.type_${row.organisationType}`)
										: t('consultation.type_public')}
								</td>
								<td>
									{row.name} ({row.email})
								</td>
								<td>
									{row.invited ? t('consultation.accountInvited') : t('consultation.accountActive')} ·{' '}
									<DateTime value={row.createdAt} dateOnly />
								</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
			{role === 'admin' ? (
				<section className="panel stack" aria-labelledby="invite-title">
					<h2 id="invite-title">{t('consultation.inviteTitle')}</h2>
					<ErrorSummary fieldErrors={failure?.fieldErrors} formErrors={failure?.formErrors} />
					<Form method="post" className="form" noValidate>
						<InputField
							name="organisationName"
							label={t('consultation.organisationName')}
							defaultValue={typed('organisationName')}
							errors={failure?.fieldErrors.organisationName}
							required
						/>
						<SelectField
							name="organisationType"
							label={t('consultation.organisationType')}
							defaultValue={typed('organisationType') || 'insurer'}
							options={ORGANISATION_TYPES.map((value) => ({ value, label: t(`consultation.type_${value}`) }))}
							errors={failure?.fieldErrors.organisationType}
						/>
						<InputField
							name="name"
							label={t('consultation.contactPerson')}
							defaultValue={typed('name')}
							errors={failure?.fieldErrors.name}
							required
						/>
						<InputField
							name="email"
							type="email"
							label={t('consultation.contactEmail')}
							defaultValue={typed('email')}
							errors={failure?.fieldErrors.email}
							required
						/>
						<SubmitButton>{t('consultation.inviteButton')}</SubmitButton>
					</Form>
				</section>
			) : null}
		</div>
	)
}

export const ErrorBoundary = ConsultationErrorBoundary
