// /aanmelden: the public application form (003 §3.1), open only inside the year's application
// window. Outside it the page says when the next window opens.
import { data, Form, href, Link } from 'react-router'
import type { Route } from './+types/application'
import { applicationSchema, MARK_HISTORY } from '#app/services/provider-forms.ts'
import { useEffect } from 'react'
import { ErrorSummary, InputField, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { clearFormDraft, useFormDraft } from '#app/components/provider/form-draft.ts'
import { OrganisationFields } from '#app/components/provider/organisation-fields.tsx'
import { ProviderErrorBoundary, RadioGroup, typed } from '#app/components/provider/ui.tsx'
import { formatCalendarDay } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { attempt, echoValues, formFailure, parseForm, refusalData, readForm } from '#app/lib/forms.ts'
import { clientIp } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { getOptionalUser } from '#app/lib/permissions.server.ts'
import { consumeRateLimit, peekRateLimit } from '#app/lib/rate-limit.server.ts'
import { applicationPolicy } from '#app/domain/throttle-policy.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { applicationWindow, submitApplication } from '#app/services/application.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

/** A field no person sees or fills: a bot that fills every field is ignored (STYLE.md). */
const HONEYPOT = 'faxnummer'
const DRAFT_KEY = 'keurmerk:aanvraag'
const NOT_IN_DRAFT = [HONEYPOT]

export async function loader({ request }: Route.LoaderArgs) {
	const { open, next } = await applicationWindow()
	const user = await getOptionalUser(request)
	const received = new URL(request.url).searchParams.get('ontvangen')
	const window = (settings: typeof open) =>
		settings && {
			year: settings.year,
			markName: settings.markName,
			opensOn: settings.applicationOpensOn,
			closesOn: settings.applicationClosesOn,
		}
	return {
		open: window(open),
		next: window(next),
		received: received && /^\d{4}$/.test(received) ? Number(received) : null,
		signedInAs: user && !user.staffRole ? { name: user.name, email: user.email } : null,
		isStaff: Boolean(user?.staffRole),
	}
}

export async function action({ request, context }: Route.ActionArgs) {
	const ip = clientIp(request, context)
	const formData = await readForm(request)
	if (String(formData.get(HONEYPOT) ?? '') !== '')
		return redirectWithToast('/aanmelden?ontvangen=0', { type: 'success', key: 'provider.applicationReceivedToast' })
	const form = parseForm(applicationSchema, formData)
	if (!form.success) return data(form, { status: 400 })
	if (form.data.markHistory === 'withdrawn' && !form.data.withdrawalExplanation) {
		return data(
			formFailure({
				fieldErrors: { withdrawalExplanation: ['provider.errorWithdrawalExplanation'] },
				values: valuesOf(formData),
			}),
			{ status: 400 },
		)
	}
	const user = await getOptionalUser(request)
	if (user?.staffRole)
		return data(formFailure({ formErrors: ['provider.errorStaffCannotApply'], values: valuesOf(formData) }), {
			status: 400,
		})
	// Only accepted applications count (docs/decisions/008): twenty mistyped forms must not block a
	// valid one. Checked before, counted after the application is accepted.
	const limitKey = `application:ip:${ip}`
	if (!(await peekRateLimit(limitKey, applicationPolicy)).allowed)
		return data(formFailure({ formErrors: ['provider.errorTooManyApplications'], values: valuesOf(formData) }), {
			status: 429,
		})
	const attempted = await attempt(() => submitApplication(form.data, user, ip))
	if (!attempted.ok) {
		return refusalData(attempted.error, await getLocale(request, user), { values: valuesOf(formData) })
	}
	await consumeRateLimit(limitKey, applicationPolicy)
	const result = attempted.value
	if (user?.memberships.some((membership) => membership.providerId === result.providerId)) {
		return redirectWithToast(href('/aanbieder/:providerId/overeenkomst/:year?', { providerId: result.providerId }), {
			type: 'success',
			key: 'provider.applicationReceivedToast',
		})
	}
	return redirectWithToast(`${href('/aanmelden')}?ontvangen=${result.year}`, {
		type: 'success',
		key: 'provider.applicationReceivedToast',
	})
}

/** The form's own fields as typed, each capped (never an invented field: issue 15). */
function valuesOf(formData: FormData) {
	return echoValues(applicationSchema, formData) as Record<string, string>
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.apply'])

export default function Application({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { open, next, received, signedInAs, isStaff } = loaderData
	const draft = useFormDraft(DRAFT_KEY, { enabled: Boolean(open) && received === null, skip: NOT_IN_DRAFT })
	useEffect(() => {
		if (received !== null) clearFormDraft(DRAFT_KEY)
	}, [received])
	if (received !== null) {
		return (
			<div className="narrow stack">
				<h1>{t('provider.applicationReceivedTitle')}</h1>
				<p className="panel panel--success" role="status">
					{t('provider.applicationReceivedText')}
				</p>
				<ol className="stack">
					<li>{t('provider.applicationStepMail')}</li>
					<li>{t('provider.applicationStepPassword')}</li>
					<li>{t('provider.applicationStepSign')}</li>
				</ol>
				<p>
					<Link to="/inloggen">{t('provider.toLogin')}</Link>
				</p>
			</div>
		)
	}
	if (!open) {
		return (
			<div className="narrow stack">
				<h1>{t('provider.applicationTitle')}</h1>
				<p className="panel panel--info" role="status">
					{next
						? t('provider.applicationClosedNext', {
								year: next.year,
								opensOn: formatCalendarDay(next.opensOn, locale),
								closesOn: formatCalendarDay(next.closesOn, locale),
							})
						: t('provider.applicationClosed')}
				</p>
			</div>
		)
	}
	const errors = actionData && !actionData.success ? actionData : undefined
	const values = errors?.values
	return (
		<div className="narrow stack">
			<h1>{t('provider.applicationTitle')}</h1>
			<p className="lead">
				{t('provider.applicationIntro', {
					markName: open.markName,
					year: open.year,
					closesOn: formatCalendarDay(open.closesOn, locale),
				})}
			</p>
			{isStaff ? <p className="panel panel--warning">{t('provider.errorStaffCannotApply')}</p> : null}
			{signedInAs ? (
				<p className="panel panel--info">{t('provider.applicationSignedIn', { name: signedInAs.name })}</p>
			) : null}
			<ErrorSummary fieldErrors={errors?.fieldErrors} formErrors={errors?.formErrors} />
			<p className="field__hint">{t('provider.applicationDraftHint')}</p>
			<Form ref={draft} method="post" className="form" noValidate>
				<h2>{t('provider.sectionOrganisation')}</h2>
				<InputField
					name="kvkNumber"
					label={t('provider.fieldKvk')}
					hint={t('provider.hintEightDigits')}
					inputMode="numeric"
					defaultValue={typed(values, 'kvkNumber')}
					errors={errors?.fieldErrors.kvkNumber}
					required
				/>
				<OrganisationFields values={values} fieldErrors={errors?.fieldErrors} />
				<h2>{t('provider.sectionContact')}</h2>
				<p className="field__hint">{t('provider.contactHint')}</p>
				<InputField
					name="contactName"
					label={t('provider.fieldContactName')}
					autoComplete="name"
					defaultValue={typed(values, 'contactName', signedInAs?.name)}
					errors={errors?.fieldErrors.contactName}
					required
				/>
				<InputField
					name="contactFunction"
					label={t('provider.fieldContactFunction')}
					autoComplete="organization-title"
					defaultValue={typed(values, 'contactFunction')}
					errors={errors?.fieldErrors.contactFunction}
					required
				/>
				<InputField
					name="contactEmail"
					type="email"
					label={t('provider.fieldContactEmail')}
					autoComplete="email"
					defaultValue={typed(values, 'contactEmail', signedInAs?.email)}
					errors={errors?.fieldErrors.contactEmail}
					required
				/>
				<h2>{t('provider.sectionHistory')}</h2>
				<RadioGroup
					name="markHistory"
					legend={t('provider.fieldMarkHistory')}
					value={typed(values, 'markHistory')}
					errors={errors?.fieldErrors.markHistory}
					options={MARK_HISTORY.map((value) => ({ value, label: t(`provider.markHistory_${value}`) }))}
				/>
				<TextareaField
					name="withdrawalExplanation"
					label={t('provider.fieldWithdrawalExplanation')}
					hint={t('provider.hintWithdrawalExplanation')}
					defaultValue={typed(values, 'withdrawalExplanation')}
					errors={errors?.fieldErrors.withdrawalExplanation}
					rows={4}
				/>
				<div className="visually-hidden" aria-hidden="true">
					<label htmlFor="field-honeypot">Faxnummer</label>
					<input id="field-honeypot" name={HONEYPOT} tabIndex={-1} autoComplete="off" defaultValue="" />
				</div>
				<SubmitButton pendingText={t('common.saving')}>{t('provider.applicationSubmit')}</SubmitButton>
			</Form>
		</div>
	)
}

export const ErrorBoundary = ProviderErrorBoundary
