import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/account'
import { ErrorSummary, InputField, NewPasswordFields, SelectField, SubmitButton } from '#app/components/forms.tsx'
import { locales } from '#app/i18n/catalogue.ts'
import { useT } from '#app/i18n/react.tsx'
import { formFailure, parseForm, readForm } from '#app/lib/forms.ts'
import { choosePasswordSchema } from '#app/lib/password-form.ts'
import { requireSession } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { changePassword } from '#app/services/auth.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { setUserLocale } from '#app/services/users.server.ts'

const passwordSchema = z.intersection(
	z.object({ intent: z.literal('password'), currentPassword: z.string().min(1, 'auth.errorPasswordRequired') }),
	choosePasswordSchema,
)
const languageSchema = z.object({ intent: z.literal('language'), locale: z.enum(locales) })

export async function loader({ request }: Route.LoaderArgs) {
	const { user } = await requireSession(request)
	return { user }
}

export async function action({ request }: Route.ActionArgs) {
	const { user, sessionId } = await requireSession(request)
	const formData = await readForm(request)
	if (formData.get('intent') === 'language') {
		const form = parseForm(languageSchema, formData)
		if (!form.success) return data({ ...form, intent: 'language' as const }, { status: 400 })
		await setUserLocale(user.id, form.data.locale)
		return redirectWithToast('/account', { type: 'success', key: 'auth.accountLanguageSaved' })
	}
	const form = parseForm(passwordSchema, formData)
	if (!form.success) return data({ ...form, intent: 'password' as const }, { status: 400 })
	const result = await changePassword(user.id, form.data.currentPassword, form.data.password, sessionId)
	if (result === 'wrong_password') {
		return data(
			{
				...formFailure({ fieldErrors: { currentPassword: ['auth.currentPasswordWrong'] } }),
				intent: 'password' as const,
			},
			{ status: 400 },
		)
	}
	return redirectWithToast('/account', { type: 'success', key: 'auth.passwordChanged' })
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.account'])

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { user } = loaderData
	const passwordErrors = actionData && !actionData.success && actionData.intent === 'password' ? actionData : undefined
	return (
		<div className="stack">
			<h1>{t('auth.accountTitle')}</h1>
			<p>
				{user.name} · <code>{user.email}</code>
			</p>
			{!user.staffRole ? (
				<section aria-labelledby="organisations">
					<h2 id="organisations">{t('auth.accountOrganisations')}</h2>
					{user.memberships.length === 0 ? (
						<p className="empty-state">{t('auth.accountNoOrganisations')}</p>
					) : (
						<>
							<p>{t('auth.accountChooseOrganisation')}</p>
							<ul className="card-list">
								{user.memberships.map((membership) => (
									<li key={membership.providerId} className="card">
										<Link
											to={href('/aanbieder/:providerId', { providerId: membership.providerId })}
											className="card__title"
										>
											{membership.providerName}
										</Link>
										<span className="badge badge--neutral">
											{t(membership.canSign ? 'shell.roleSigner' : 'shell.roleMember')}
										</span>
									</li>
								))}
							</ul>
						</>
					)}
				</section>
			) : null}
			<section aria-labelledby="language" className="panel">
				<h2 id="language">{t('auth.accountLanguage')}</h2>
				<Form method="post" className="form form--inline">
					<input type="hidden" name="intent" value="language" />
					<SelectField
						name="locale"
						label={t('shell.language')}
						defaultValue={user.locale}
						options={[
							{ value: 'nl', label: t('shell.languageDutch') },
							{ value: 'en', label: t('shell.languageEnglish') },
						]}
					/>
					<SubmitButton className="button">{t('common.save')}</SubmitButton>
				</Form>
			</section>
			<section aria-labelledby="two-factor" className="panel">
				<h2 id="two-factor">{t('auth.twoFactorTitle')}</h2>
				<p>{t(user.twoFactorEnabled ? 'auth.twoFactorOn' : 'auth.twoFactorOff')}</p>
				<Link to={href('/account/tweestapsverificatie')}>{t('auth.twoFactorManage')}</Link>
			</section>
			<section aria-labelledby="password" className="panel">
				<h2 id="password">{t('auth.accountChangePassword')}</h2>
				<ErrorSummary fieldErrors={passwordErrors?.fieldErrors} formErrors={passwordErrors?.formErrors} />
				<Form method="post" className="form" noValidate>
					<input type="hidden" name="intent" value="password" />
					<input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
					<InputField
						name="currentPassword"
						type="password"
						autoComplete="current-password"
						label={t('auth.currentPassword')}
						errors={passwordErrors?.fieldErrors.currentPassword}
						required
					/>
					<NewPasswordFields errors={passwordErrors?.fieldErrors} />
					<SubmitButton pendingText={t('common.saving')}>{t('common.save')}</SubmitButton>
				</Form>
			</section>
		</div>
	)
}
