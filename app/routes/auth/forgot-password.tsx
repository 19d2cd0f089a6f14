import { data, Form } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/forgot-password'
import { ErrorSummary, InputField, SubmitButton } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import { emailField, parseForm, readForm } from '#app/lib/forms.ts'
import { clientIp } from '#app/lib/http.server.ts'
import { requestPasswordReset } from '#app/services/auth.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

const schema = z.object({ email: emailField })

export async function action({ request, context }: Route.ActionArgs) {
	const form = parseForm(schema, await readForm(request))
	if (!form.success) return data(form, { status: 400 })
	await requestPasswordReset(form.data.email, clientIp(request, context))
	// The same answer whether or not the address has an account.
	return { success: true as const, email: form.data.email }
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.forgotPassword'])

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
	const t = useT()
	if (actionData?.success) {
		return (
			<div className="narrow">
				<h1>{t('auth.forgotTitle')}</h1>
				<p className="panel panel--success" role="status">
					{t('auth.forgotSent', { email: actionData.email })}
				</p>
			</div>
		)
	}
	const errors = actionData && !actionData.success ? actionData : undefined
	return (
		<div className="narrow">
			<h1>{t('auth.forgotTitle')}</h1>
			<p className="lead">{t('auth.forgotIntro')}</p>
			<ErrorSummary fieldErrors={errors?.fieldErrors} formErrors={errors?.formErrors} />
			<Form method="post" className="form" noValidate>
				<InputField
					name="email"
					type="email"
					autoComplete="email"
					label={t('auth.email')}
					defaultValue={typeof errors?.values.email === 'string' ? errors.values.email : ''}
					errors={errors?.fieldErrors.email}
					required
				/>
				<SubmitButton pendingText={t('common.loading')}>{t('auth.forgotSubmit')}</SubmitButton>
			</Form>
		</div>
	)
}
