import { data, Form } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/invitation'
import { ErrorSummary, InputField, NewPasswordFields, SubmitButton } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import { formFailure, parseForm, readForm } from '#app/lib/forms.ts'
import { clientIp } from '#app/lib/http.server.ts'
import { choosePasswordSchema } from '#app/lib/password-form.ts'
import { signInAndRedirect } from '#app/lib/sign-in.server.ts'
import { completeTokenFlow, findLiveToken } from '#app/services/auth.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

const schema = z.intersection(
	z.object({ name: z.string().trim().min(1, 'auth.errorNameRequired').max(120) }),
	choosePasswordSchema,
)

export async function loader({ params }: Route.LoaderArgs) {
	const owner = await findLiveToken(params.token, 'invitation')
	if (!owner) return { valid: false as const }
	return { valid: true as const, email: owner.email, name: owner.name, providerName: owner.providerName }
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const form = parseForm(schema, await readForm(request))
	if (!form.success) return data(form, { status: 400 })
	const done = await completeTokenFlow(params.token, 'invitation', form.data.password, form.data.name)
	if (!done) return data(formFailure({ formErrors: ['auth.inviteInvalid'] }), { status: 400 })
	return signInAndRedirect(request, done.userId, { ip: clientIp(request, context), toast: 'auth.inviteDone' })
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.invitation'])

export default function Invitation({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	if (!loaderData.valid) {
		return (
			<div className="narrow">
				<h1>{t('auth.inviteTitle')}</h1>
				<p className="panel panel--warning">{t('auth.inviteInvalid')}</p>
			</div>
		)
	}
	const errors = actionData && !actionData.success ? actionData : undefined
	const provider = loaderData.providerName ? t('auth.inviteForProvider', { provider: loaderData.providerName }) : ''
	return (
		<div className="narrow">
			<h1>{t('auth.inviteTitle')}</h1>
			<p className="lead">{t('auth.inviteIntro', { provider })}</p>
			<ErrorSummary fieldErrors={errors?.fieldErrors} formErrors={errors?.formErrors} />
			<Form method="post" className="form" noValidate>
				<InputField
					name="username"
					type="email"
					autoComplete="username"
					label={t('auth.email')}
					value={loaderData.email}
					readOnly
				/>
				<InputField
					name="name"
					autoComplete="name"
					label={t('auth.name')}
					defaultValue={typeof errors?.values.name === 'string' ? errors.values.name : loaderData.name}
					errors={errors?.fieldErrors.name}
					required
				/>
				<NewPasswordFields errors={errors?.fieldErrors} label="auth.password" />
				<SubmitButton pendingText={t('common.saving')}>{t('auth.inviteSubmit')}</SubmitButton>
			</Form>
		</div>
	)
}
