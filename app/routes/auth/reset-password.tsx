import { data, Form, Link } from 'react-router'
import type { Route } from './+types/reset-password'
import { ErrorSummary, NewPasswordFields, SubmitButton } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import { formFailure, parseForm, readForm } from '#app/lib/forms.ts'
import { clientIp } from '#app/lib/http.server.ts'
import { choosePasswordSchema } from '#app/lib/password-form.ts'
import { signInAndRedirect } from '#app/lib/sign-in.server.ts'
import { completeTokenFlow, findLiveToken } from '#app/services/auth.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ params }: Route.LoaderArgs) {
	const owner = await findLiveToken(params.token, 'password_reset')
	return { valid: Boolean(owner), email: owner?.email ?? null }
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const form = parseForm(choosePasswordSchema, await readForm(request))
	if (!form.success) return data(form, { status: 400 })
	const done = await completeTokenFlow(params.token, 'password_reset', form.data.password)
	if (!done) return data(formFailure({ formErrors: ['auth.resetInvalid'] }), { status: 400 })
	return signInAndRedirect(request, done.userId, { ip: clientIp(request, context), toast: 'auth.resetDone' })
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.resetPassword'])

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	if (!loaderData.valid) {
		return (
			<div className="narrow">
				<h1>{t('auth.resetTitle')}</h1>
				<p className="panel panel--warning">{t('auth.resetInvalid')}</p>
				<Link to="/wachtwoord-vergeten" className="button button--primary">
					{t('auth.forgotSubmit')}
				</Link>
			</div>
		)
	}
	const errors = actionData && !actionData.success ? actionData : undefined
	return (
		<div className="narrow">
			<h1>{t('auth.resetTitle')}</h1>
			<ErrorSummary fieldErrors={errors?.fieldErrors} formErrors={errors?.formErrors} />
			<Form method="post" className="form" noValidate>
				<input type="email" name="username" autoComplete="username" value={loaderData.email ?? ''} readOnly hidden />
				<NewPasswordFields errors={errors?.fieldErrors} />
				<SubmitButton pendingText={t('common.saving')}>{t('auth.resetSubmit')}</SubmitButton>
			</Form>
		</div>
	)
}
