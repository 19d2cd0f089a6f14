import { data, Form, Link, useSearchParams } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/login'
import { ErrorSummary, InputField, SubmitButton } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import { translate } from '#app/i18n/translate.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { emailField, formFailure, parseForm, readForm } from '#app/lib/forms.ts'
import { clientIp } from '#app/lib/http.server.ts'
import { requireAnonymous } from '#app/lib/permissions.server.ts'
import { signInAndRedirect } from '#app/lib/sign-in.server.ts'
import { demoAccounts, demoPassword } from '#prisma/seed/demo-accounts.ts'
import { login } from '#app/services/auth.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

const schema = z.object({
	email: emailField,
	password: z.string().min(1, 'auth.errorPasswordRequired').max(200, 'auth.errorPasswordTooLong'),
	redirectTo: z.string().optional(),
})

export async function loader({ request }: Route.LoaderArgs) {
	await requireAnonymous(request)
	return { demoAccounts: getEnv().KEURMERK_DEMO ? demoAccounts : null, demoPassword }
}

export async function action({ request, context }: Route.ActionArgs) {
	await requireAnonymous(request)
	const form = parseForm(schema, await readForm(request))
	if (!form.success) return data(form, { status: 400 })
	const { email, password, redirectTo } = form.data
	const result = await login(email, password, clientIp(request, context))
	if (!result.ok) {
		// Same message for an unknown address and a wrong password (issue 2).
		const formErrors =
			result.reason === 'rate_limited'
				? [
						translate(await getLocale(request), 'auth.loginRateLimited', {
							seconds: result.retryAfterSeconds,
						}),
					]
				: ['auth.loginFailed']
		return data(formFailure({ formErrors, values: { email } }), {
			status: result.reason === 'rate_limited' ? 429 : 400,
		})
	}
	return signInAndRedirect(request, result.userId, {
		ip: clientIp(request, context),
		toast: 'auth.loggedIn',
		redirectTo,
	})
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.login'])

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const [searchParams] = useSearchParams()
	const errors = actionData && !actionData.success ? actionData : undefined
	return (
		<div className="narrow">
			<h1>{t('auth.loginTitle')}</h1>
			<p className="lead">{t('auth.loginIntro')}</p>
			<ErrorSummary fieldErrors={errors?.fieldErrors} formErrors={errors?.formErrors} />
			<Form method="post" className="form" noValidate>
				<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
				<InputField
					name="email"
					type="email"
					autoComplete="username"
					label={t('auth.email')}
					defaultValue={typeof errors?.values.email === 'string' ? errors.values.email : ''}
					errors={errors?.fieldErrors.email}
					required
				/>
				<InputField
					name="password"
					type="password"
					autoComplete="current-password"
					label={t('auth.password')}
					errors={errors?.fieldErrors.password}
					required
				/>
				<div className="button-row">
					<SubmitButton pendingText={t('common.loading')}>{t('auth.loginSubmit')}</SubmitButton>
					<Link to="/wachtwoord-vergeten">{t('auth.forgotPasswordLink')}</Link>
				</div>
			</Form>
			{loaderData.demoAccounts ? (
				<section className="panel panel--muted" aria-labelledby="demo-accounts">
					<h2 id="demo-accounts">{t('auth.demoAccountsTitle')}</h2>
					<p>{t('auth.demoAccountsIntro', { password: loaderData.demoPassword })}</p>
					<table className="table table--compact">
						<tbody>
							{loaderData.demoAccounts.map((account) => (
								<tr key={account.email}>
									<td>
										<code>{account.email}</code>
									</td>
									<td>{account.description}</td>
								</tr>
							))}
						</tbody>
					</table>
				</section>
			) : null}
		</div>
	)
}
