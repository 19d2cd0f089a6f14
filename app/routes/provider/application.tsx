// /aanmelden: the public application form (003 §3.1), open only inside the year's application
// window. Outside it the page says what to prepare (dates, norms, fee, the agreement) and offers
// "mail me when it opens". Inside it the form goes through a check-your-answers step before it is
// sent (issue 13); the step works without JavaScript: the values travel in hidden fields, and each
// "wijzigen" button brings the form back with the values and the field focused.
import { data, Form, href, Link } from 'react-router'
import type { Route } from './+types/application'
import { z } from 'zod'
import { applicationSchema, MARK_HISTORY } from '#app/services/provider-forms.ts'
import { useEffect } from 'react'
import { ErrorSummary, InputField, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { clearFormDraft, useFormDraft } from '#app/components/provider/form-draft.ts'
import { OrganisationFields } from '#app/components/provider/organisation-fields.tsx'
import { ProviderErrorBoundary, RadioGroup, typed } from '#app/components/provider/ui.tsx'
import { formatCalendarDay } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import {
	attempt,
	echoValues,
	emailField,
	type FormFailure,
	type FormValues,
	formFailure,
	parseForm,
	refusalData,
	readForm,
} from '#app/lib/forms.ts'
import { clientIp } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { getOptionalUser } from '#app/lib/permissions.server.ts'
import { consumeRateLimit, peekRateLimit } from '#app/lib/rate-limit.server.ts'
import { applicationPolicy, windowSubscriptionPolicy } from '#app/domain/throttle-policy.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import {
	applicationPreparation,
	applicationWindow,
	type KnownApplicant,
	knownApplicants,
	submitApplication,
} from '#app/services/application.server.ts'
import { subscribeToApplicationWindow } from '#app/services/application-window.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import {
	APPLICATION_FIELDS,
	CheckAnswers,
	KnownApplicantChoice,
	Preparation,
	SubscribeForm,
} from './application-ui.tsx'

/** A field no person sees or fills: a bot that fills every field is ignored (STYLE.md). */
const HONEYPOT = 'faxnummer'
const DRAFT_KEY = 'keurmerk:aanvraag'
const NOT_IN_DRAFT = [HONEYPOT, 'intent', 'edit']

const subscribeSchema = z.object({ email: emailField })

export async function loader({ request }: Route.LoaderArgs) {
	const { open, next } = await applicationWindow()
	const user = await getOptionalUser(request)
	const search = new URL(request.url).searchParams
	const received = search.get('ontvangen')
	const window = (settings: typeof open) =>
		settings && {
			year: settings.year,
			markName: settings.markName,
			opensOn: settings.applicationOpensOn,
			closesOn: settings.applicationClosesOn,
		}
	// A member applying again (an earlier participant): its details filled in, its history known.
	const known = open && user && !user.staffRole ? await knownApplicants(user.id, open.year) : []
	const chosen = search.get('aanbieder')
	const applicant = known.length === 1 ? known[0] : known.find((entry) => entry.providerId === chosen)
	return {
		open: window(open),
		next: window(next),
		known: known.map(({ providerId, organisation }) => ({ providerId, name: organisation.name })),
		applicant: applicant ?? null,
		preparation: !open && next ? await applicationPreparation(next.year) : null,
		subscribed: search.get('bericht') === '1',
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
	const intent = String(formData.get('intent') ?? 'send')
	if (intent === 'subscribe') return subscribe(formData, ip)

	// "Wijzigen" on the check step: back to the form with everything typed, at that field.
	const edit = String(formData.get('edit') ?? '')
	if (edit) {
		return data({
			step: 'edit' as const,
			values: valuesOf(formData),
			focus: APPLICATION_FIELDS.some((field) => field.name === edit) ? edit : null,
		})
	}

	const form = parseForm(applicationSchema, formData)
	// The explanation belongs to a withdrawn mark only: required then, dropped otherwise (the field is
	// hidden unless "withdrawn" is chosen, but a browser without :has() still shows it). Its error
	// comes last, with the others: the summary lists the fields in the form's order.
	const explanationMissing =
		String(formData.get('markHistory') ?? '') === 'withdrawn' &&
		String(formData.get('withdrawalExplanation') ?? '').trim() === ''
	if (!form.success || explanationMissing) {
		const failure = form.success ? formFailure({ values: valuesOf(formData) }) : form
		const fieldErrors = explanationMissing
			? { ...failure.fieldErrors, withdrawalExplanation: ['provider.errorWithdrawalExplanation'] }
			: failure.fieldErrors
		return data({ ...failure, fieldErrors }, { status: 400 })
	}
	const input = {
		...form.data,
		withdrawalExplanation: form.data.markHistory === 'withdrawn' ? form.data.withdrawalExplanation : null,
	}
	const user = await getOptionalUser(request)
	if (user?.staffRole)
		return data(formFailure({ formErrors: ['provider.errorStaffCannotApply'], values: valuesOf(formData) }), {
			status: 400,
		})
	if (intent === 'check') {
		const values = valuesOf(formData)
		if (input.markHistory !== 'withdrawn') values.withdrawalExplanation = ''
		return data({ step: 'check' as const, values })
	}
	// Only accepted applications count (docs/decisions/009): twenty mistyped forms must not block a
	// valid one. Checked before, counted after the application is accepted — whether it was taken or
	// only answered by mail (issue 15, finding 6: the answer is the same).
	const limitKey = `application:ip:${ip}`
	if (!(await peekRateLimit(limitKey, applicationPolicy)).allowed)
		return data(formFailure({ formErrors: ['provider.errorTooManyApplications'], values: valuesOf(formData) }), {
			status: 429,
		})
	const attempted = await attempt(() => submitApplication(input, user, ip))
	if (!attempted.ok) {
		return refusalData(attempted.error, await getLocale(request, user), { values: valuesOf(formData) })
	}
	await consumeRateLimit(limitKey, applicationPolicy)
	const result = attempted.value
	if (result.providerId && user?.memberships.some((membership) => membership.providerId === result.providerId)) {
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

/** "Mail me when it opens": the same answer for a new and a known address (issue 15). */
async function subscribe(formData: FormData, ip: string) {
	const form = parseForm(subscribeSchema, formData)
	if (!form.success) return data({ ...form, intent: 'subscribe' as const }, { status: 400 })
	const limitKey = `window-subscription:ip:${ip}`
	if (!(await peekRateLimit(limitKey, windowSubscriptionPolicy)).allowed)
		return data(
			{ ...formFailure({ formErrors: ['provider.errorTooManySubscriptions'] }), intent: 'subscribe' as const },
			{ status: 429 },
		)
	await subscribeToApplicationWindow(form.data.email)
	await consumeRateLimit(limitKey, windowSubscriptionPolicy)
	return redirectWithToast(`${href('/aanmelden')}?bericht=1`, {
		type: 'success',
		key: 'provider.subscribeToast',
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
	const { open, next, received, signedInAs, isStaff, preparation, subscribed, known, applicant } = loaderData
	const step = actionData && 'step' in actionData ? actionData : null
	const draft = useFormDraft(DRAFT_KEY, {
		enabled: Boolean(open) && received === null && step?.step !== 'check',
		skip: NOT_IN_DRAFT,
	})
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
		const subscribeErrors = isFailure(actionData) && 'intent' in actionData ? actionData : undefined
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
				{preparation ? <Preparation preparation={preparation} /> : null}
				<SubscribeForm
					honeypot={HONEYPOT}
					subscribed={subscribed}
					errors={subscribeErrors}
					opensOn={next ? formatCalendarDay(next.opensOn, locale) : null}
				/>
			</div>
		)
	}
	if (step?.step === 'check') {
		return (
			<div className="narrow stack">
				<h1>{t('provider.checkTitle')}</h1>
				<p className="lead">{t('provider.checkIntro', { markName: open.markName, year: open.year })}</p>
				<CheckAnswers values={step.values} honeypot={HONEYPOT} />
			</div>
		)
	}
	const errors = isFailure(actionData) && !('intent' in actionData) ? actionData : undefined
	const values: FormValues | undefined =
		errors?.values ?? (step?.step === 'edit' ? step.values : applicant ? knownValues(applicant, signedInAs) : undefined)
	const focus = step?.step === 'edit' ? step.focus : null
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
			{signedInAs && known.length > 0 ? (
				<KnownApplicantChoice known={known} applicant={applicant} />
			) : signedInAs ? (
				<p className="panel panel--info">{t('provider.applicationSignedIn', { name: signedInAs.name })}</p>
			) : null}
			<ErrorSummary fieldErrors={errors?.fieldErrors} formErrors={errors?.formErrors} />
			<p className="field__hint">{t('provider.applicationDraftHint')}</p>
			<Form ref={draft} key={applicant?.providerId ?? 'new'} method="post" className="form application-form" noValidate>
				<h2>{t('provider.sectionOrganisation')}</h2>
				<InputField
					name="kvkNumber"
					label={t('provider.fieldKvk')}
					hint={t('provider.hintEightDigits')}
					inputMode="numeric"
					defaultValue={typed(values, 'kvkNumber')}
					errors={errors?.fieldErrors.kvkNumber}
					autoFocus={focus === 'kvkNumber'}
					required
				/>
				<OrganisationFields values={values} fieldErrors={errors?.fieldErrors} focus={focus} />
				<h2>{t('provider.sectionContact')}</h2>
				<p className="field__hint">{t('provider.contactHint')}</p>
				<InputField
					name="contactName"
					label={t('provider.fieldContactName')}
					autoComplete="name"
					defaultValue={typed(values, 'contactName', signedInAs?.name)}
					errors={errors?.fieldErrors.contactName}
					autoFocus={focus === 'contactName'}
					required
				/>
				<InputField
					name="contactFunction"
					label={t('provider.fieldContactFunction')}
					autoComplete="organization-title"
					defaultValue={typed(values, 'contactFunction')}
					errors={errors?.fieldErrors.contactFunction}
					autoFocus={focus === 'contactFunction'}
					required
				/>
				<InputField
					name="contactEmail"
					type="email"
					label={t('provider.fieldContactEmail')}
					autoComplete="email"
					defaultValue={typed(values, 'contactEmail', signedInAs?.email)}
					errors={errors?.fieldErrors.contactEmail}
					autoFocus={focus === 'contactEmail'}
					required
				/>
				<h2>{t('provider.sectionHistory')}</h2>
				<RadioGroup
					name="markHistory"
					legend={t('provider.fieldMarkHistory')}
					value={typed(values, 'markHistory')}
					errors={errors?.fieldErrors.markHistory}
					autoFocus={focus === 'markHistory'}
					options={MARK_HISTORY.map((value) => ({ value, label: t(`provider.markHistory_${value}`) }))}
				/>
				{/* Shown only when "withdrawn" is chosen (CSS :has(), no script needed); server-validated. */}
				<TextareaField
					name="withdrawalExplanation"
					className="application-form__withdrawal"
					label={t('provider.fieldWithdrawalExplanation')}
					hint={t('provider.hintWithdrawalExplanation')}
					defaultValue={typed(values, 'withdrawalExplanation')}
					errors={errors?.fieldErrors.withdrawalExplanation}
					autoFocus={focus === 'withdrawalExplanation'}
					rows={4}
				/>
				<div className="visually-hidden" aria-hidden="true">
					<label htmlFor="field-honeypot">Faxnummer</label>
					<input id="field-honeypot" name={HONEYPOT} tabIndex={-1} autoComplete="off" defaultValue="" />
				</div>
				<SubmitButton name="intent" value="check" pendingText={t('common.saving')}>
					{t('provider.applicationToCheck')}
				</SubmitButton>
			</Form>
		</div>
	)
}

/** The form as an earlier participant starts it: its organisation, the member, what the portal knows. */
function knownValues(applicant: KnownApplicant, member: { name: string; email: string } | null): FormValues {
	return {
		kvkNumber: applicant.kvkNumber,
		...applicant.organisation,
		contactName: member?.name ?? '',
		contactEmail: member?.email ?? '',
		markHistory: applicant.history,
	}
}

function isFailure(value: unknown): value is FormFailure {
	return typeof value === 'object' && value !== null && 'success' in value && value.success === false
}

export const ErrorBoundary = ProviderErrorBoundary
