// The second step of a login with two-factor sign-in: after the password (or a reset link, or an
// invitation) the user holds a short-lived sealed cookie, not a session; a code from the app or a
// recovery code turns it into a session (app/lib/sign-in.server.ts).
import { data, Form, Link, redirect } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/two-factor-login'
import { ErrorSummary, InputField, SubmitButton } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import { pageMeta } from '#app/i18n/meta.ts'
import { translate } from '#app/i18n/translate.ts'
import { formFailure, parseForm, readForm } from '#app/lib/forms.ts'
import { clientIp } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireAnonymous } from '#app/lib/permissions.server.ts'
import { clearPendingLogin, completeSignIn, pendingLogin } from '#app/lib/sign-in.server.ts'
import { verifySecondFactor } from '#app/services/two-factor.server.ts'

const schema = z.object({
	code: z.string().trim().min(1, 'auth.errorCodeRequired').max(40, 'auth.twoFactorLoginFailed'),
})

export async function loader({ request }: Route.LoaderArgs) {
	await requireAnonymous(request)
	if (!(await pendingLogin(request))) throw redirect('/inloggen')
	return null
}

export async function action({ request, context }: Route.ActionArgs) {
	await requireAnonymous(request)
	const pending = await pendingLogin(request)
	if (!pending) return data(formFailure({ formErrors: ['auth.twoFactorLoginExpired'] }), { status: 400 })
	const form = parseForm(schema, await readForm(request))
	if (!form.success) return data(form, { status: 400 })
	const ip = clientIp(request, context)
	const result = await verifySecondFactor(pending.userId, form.data.code, ip)
	if (!result.ok) {
		if (result.reason === 'rate_limited') {
			const message = translate(await getLocale(request), 'auth.loginRateLimited', {
				seconds: result.retryAfterSeconds,
			})
			return data(formFailure({ formErrors: [message] }), { status: 429 })
		}
		// The code never goes back into the page.
		return data(formFailure({ formErrors: ['auth.twoFactorLoginFailed'] }), { status: 400 })
	}
	const response = await completeSignIn(request, pending.userId, {
		ip,
		toast: pending.toast,
		redirectTo: pending.redirectTo,
	})
	response.headers.append('Set-Cookie', await clearPendingLogin())
	return response
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.twoFactor'])

export default function TwoFactorLogin({ actionData }: Route.ComponentProps) {
	const t = useT()
	const errors = actionData && !actionData.success ? actionData : undefined
	return (
		<div className="narrow">
			<h1>{t('auth.twoFactorLoginTitle')}</h1>
			<p className="lead">{t('auth.twoFactorLoginIntro')}</p>
			<ErrorSummary fieldErrors={errors?.fieldErrors} formErrors={errors?.formErrors} />
			<Form method="post" className="form" noValidate>
				<InputField
					name="code"
					label={t('auth.twoFactorCode')}
					autoComplete="one-time-code"
					inputMode="text"
					spellCheck={false}
					autoCapitalize="none"
					errors={errors?.fieldErrors.code}
					required
					autoFocus
				/>
				<div className="button-row">
					<SubmitButton pendingText={t('common.loading')}>{t('auth.twoFactorSubmit')}</SubmitButton>
					<Link to="/inloggen">{t('auth.loginTitle')}</Link>
				</div>
			</Form>
		</div>
	)
}
