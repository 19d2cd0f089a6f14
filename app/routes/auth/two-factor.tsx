// Setting up, renewing and switching off two-factor sign-in (any account). The key is stored only
// once a code from the app proves the app holds it; recovery codes are shown once; switching off
// and new codes ask for the password again (app/services/two-factor.server.ts).
import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/two-factor'
import { ErrorSummary, InputField, SubmitButton } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import { pageMeta } from '#app/i18n/meta.ts'
import { adminTwoFactorRequired } from '#app/lib/env.server.ts'
import { attempt, formFailure, parseForm, readForm, refusalData } from '#app/lib/forms.ts'
import { clientIp } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireSession } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import type { Actor } from '#app/services/audit.server.ts'
import {
	confirmEnrolment,
	disableTwoFactor,
	regenerateRecoveryCodes,
	remainingRecoveryCodes,
	reopenEnrolment,
	startEnrolment,
} from '#app/services/two-factor.server.ts'

const confirmSchema = z.object({
	intent: z.literal('confirm'),
	pending: z.string().min(1).max(500),
	code: z.string().trim().min(1, 'auth.errorCodeRequired').max(20, 'refusals.two_factor_code_invalid'),
})
const passwordSchema = z.object({
	intent: z.enum(['disable', 'renew']),
	password: z.string().min(1, 'auth.errorPasswordRequired').max(200, 'auth.errorPasswordTooLong'),
})

export async function loader({ request }: Route.LoaderArgs) {
	const { user } = await requireSession(request)
	return {
		enabled: user.twoFactorEnabled,
		required: user.staffRole === 'admin' && adminTwoFactorRequired(),
		remaining: user.twoFactorEnabled ? await remainingRecoveryCodes(user.id) : 0,
	}
}

export async function action({ request, context }: Route.ActionArgs) {
	const { user } = await requireSession(request)
	const actor: Actor & { userId: string } = {
		type: user.staffRole ? 'staff' : 'provider',
		userId: user.id,
		ip: clientIp(request, context),
	}
	const formData = await readForm(request)
	const intent = formData.get('intent')
	const locale = await getLocale(request, user)
	if (intent === 'start' && !user.twoFactorEnabled) {
		return { intent: 'enrol' as const, enrolment: await startEnrolment(user) }
	}
	if (intent === 'confirm' && !user.twoFactorEnabled) {
		const form = parseForm(confirmSchema, formData)
		const pending = typeof formData.get('pending') === 'string' ? String(formData.get('pending')) : ''
		const enrolment = await reopenEnrolment(user, pending)
		if (!enrolment) return { intent: 'enrol' as const, enrolment: await startEnrolment(user) }
		if (!form.success) return data({ ...form, intent: 'enrol' as const, enrolment }, { status: 400 })
		const confirmed = await attempt(() => confirmEnrolment(actor, form.data.pending, form.data.code))
		if (!confirmed.ok)
			return refusalData(confirmed.error, locale, { field: 'code', extra: { intent: 'enrol' as const, enrolment } })
		return { intent: 'codes' as const, codes: confirmed.value }
	}
	if ((intent === 'disable' || intent === 'renew') && user.twoFactorEnabled) {
		const form = parseForm(passwordSchema, formData)
		if (!form.success) return data({ ...form, intent }, { status: 400 })
		if (form.data.intent === 'disable') {
			// An administrator who must use 2FA cannot switch it off (only set it up anew).
			if (user.staffRole === 'admin' && adminTwoFactorRequired())
				return data({ ...formFailure({ formErrors: ['auth.twoFactorRequiredNote'] }), intent }, { status: 400 })
			const disabled = await attempt(() => disableTwoFactor(actor, form.data.password))
			if (!disabled.ok) return refusalData(disabled.error, locale, { field: 'password', extra: { intent } })
			return redirectWithToast(href('/account/tweestapsverificatie'), {
				type: 'success',
				key: 'auth.twoFactorDisabledToast',
			})
		}
		const renewed = await attempt(() => regenerateRecoveryCodes(actor, form.data.password))
		if (!renewed.ok) return refusalData(renewed.error, locale, { field: 'password', extra: { intent } })
		return { intent: 'codes' as const, codes: renewed.value }
	}
	return redirectWithToast(href('/account/tweestapsverificatie'), { type: 'info', key: 'auth.twoFactorManage' })
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.twoFactor'])

export default function TwoFactor({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { enabled, required, remaining } = loaderData
	const failure = actionData && 'success' in actionData && actionData.success === false ? actionData : undefined
	if (actionData && actionData.intent === 'codes' && 'codes' in actionData) {
		return (
			<div className="narrow stack">
				<h1>{t('auth.twoFactorRecoveryTitle')}</h1>
				<p>{t('auth.twoFactorRecoveryIntro')}</p>
				<ul className="recovery-codes" aria-label={t('auth.twoFactorRecoveryTitle')}>
					{actionData.codes.map((code) => (
						<li key={code}>
							<code>{code}</code>
						</li>
					))}
				</ul>
				<Link className="button" to={href('/account')}>
					{t('auth.twoFactorRecoveryDone')}
				</Link>
			</div>
		)
	}
	const enrolment =
		actionData && actionData.intent === 'enrol' && 'enrolment' in actionData ? actionData.enrolment : null
	return (
		<div className="narrow stack">
			<h1>{t('auth.twoFactorTitle')}</h1>
			<p>{t('auth.twoFactorIntro')}</p>
			{required ? <p className="notice">{t('auth.twoFactorRequiredNote')}</p> : null}
			<p>
				<strong>{t(enabled ? 'auth.twoFactorOn' : 'auth.twoFactorOff')}</strong>
				{enabled ? <> {t('auth.twoFactorRemaining', { count: remaining })}</> : null}
			</p>
			<ErrorSummary fieldErrors={failure?.fieldErrors} formErrors={failure?.formErrors} />
			{!enabled && !enrolment ? (
				<Form method="post">
					<input type="hidden" name="intent" value="start" />
					<SubmitButton>{t('auth.twoFactorStart')}</SubmitButton>
				</Form>
			) : null}
			{!enabled && enrolment ? (
				<section className="panel" aria-labelledby="enrol">
					<h2 id="enrol">{t('auth.twoFactorStart')}</h2>
					<p>{t('auth.twoFactorScan')}</p>
					<img
						className="qr-code"
						width={200}
						height={200}
						alt={t('auth.twoFactorQrAlt')}
						src={`data:image/svg+xml;base64,${btoa(enrolment.qrSvg)}`}
					/>
					<p>
						{t('auth.twoFactorKey')}: <code data-testid="totp-key">{enrolment.secret}</code>
					</p>
					<Form method="post" className="form" noValidate>
						<input type="hidden" name="intent" value="confirm" />
						<input type="hidden" name="pending" value={enrolment.pending} />
						<InputField
							name="code"
							label={t('auth.twoFactorConfirmCode')}
							autoComplete="one-time-code"
							inputMode="numeric"
							errors={failure?.fieldErrors.code}
							required
						/>
						<SubmitButton>{t('auth.twoFactorConfirm')}</SubmitButton>
					</Form>
				</section>
			) : null}
			{enabled ? (
				<>
					<section className="panel" aria-labelledby="renew">
						<h2 id="renew">{t('auth.twoFactorRenewTitle')}</h2>
						<Form method="post" className="form" noValidate>
							<input type="hidden" name="intent" value="renew" />
							<InputField
								name="password"
								id="renew-password"
								type="password"
								autoComplete="current-password"
								label={t('auth.twoFactorPassword')}
								errors={
									failure && 'intent' in failure && failure.intent === 'renew'
										? failure.fieldErrors.password
										: undefined
								}
								required
							/>
							<SubmitButton>{t('auth.twoFactorRenew')}</SubmitButton>
						</Form>
					</section>
					{required ? null : (
						<section className="panel" aria-labelledby="disable">
							<h2 id="disable">{t('auth.twoFactorDisableTitle')}</h2>
							<Form method="post" className="form" noValidate>
								<input type="hidden" name="intent" value="disable" />
								<InputField
									name="password"
									id="disable-password"
									type="password"
									autoComplete="current-password"
									label={t('auth.twoFactorPassword')}
									errors={
										failure && 'intent' in failure && failure.intent === 'disable'
											? failure.fieldErrors.password
											: undefined
									}
									required
								/>
								<SubmitButton>{t('auth.twoFactorDisable')}</SubmitButton>
							</Form>
						</section>
					)}
				</>
			) : null}
		</div>
	)
}
