// /aanbieder/:providerId/overeenkomst(/:year): the agreement of the current (or next) year — its
// conditions, the draft PDF, signing and declining by a member with signing authority, the signed
// copy — and the agreements of earlier years.
import { data, Form, href, Link } from 'react-router'
import type { Route } from './+types/agreement'
import { declineSchema, signSchema } from '#app/services/provider-forms.ts'
import { CheckboxField, ErrorSummary, InputField, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { ProviderErrorBoundary, typed } from '#app/components/provider/ui.tsx'
import { DateTime } from '#app/components/date-time.tsx'
import { StateBadge } from '#app/components/status-badge.tsx'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { attempt, parseForm, refusalData, readForm } from '#app/lib/forms.ts'
import { clientIp, notFound } from '#app/lib/http.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import {
	agreementParties,
	consentTextFor,
	declineAgreement,
	providerAgreements,
	signAgreement,
} from '#app/services/agreement.server.ts'
import { withdrawalDay } from '#app/domain/calendar.ts'
import { formatCalendarDay, formatEuro, formatFeeRate } from '#app/i18n/format.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, membership } = await requireProviderMember(request, params.providerId)
	const providerId = params.providerId
	const years = await providerAgreements(providerId)
	let current
	if (params.year !== undefined) {
		current = /^\d{4}$/.test(params.year)
			? years.find((participation) => participation.year === Number(params.year))
			: undefined
		if (!current) notFound()
	} else {
		// An open offer first (the next year's agreement, offered in May, included), else the newest year.
		current =
			years.find((participation) => participation.agreements.some((agreement) => agreement.status === 'offered')) ??
			years[0]
	}
	const { provider, signers } = await agreementParties(providerId)
	const agreement = current?.agreements[0] ?? null
	return {
		providerId,
		canSign: membership.canSign,
		userName: user.name,
		current: current && {
			year: current.year,
			state: current.state,
			isReapplicant: current.isReapplicant,
			agreement: agreement && {
				...agreement,
				listingOn: agreement.terms.listingOn,
				qualificationDeadline: agreement.terms.qualificationDeadline,
				consentText: consentTextFor(provider.name, current.year),
			},
		},
		earlier: years
			.filter((participation) => participation !== current)
			.map((participation) => ({
				year: participation.year,
				state: participation.state,
				agreement: participation.agreements[0] ?? null,
			})),
		signers: signers.map((signer) => signer.user.name),
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user } = await requireProviderMember(request, params.providerId, { signing: true })
	const formData = await readForm(request)
	const ip = clientIp(request, context)
	const back = href('/aanbieder/:providerId/overeenkomst/:year?', { providerId: params.providerId, year: params.year })
	if (formData.get('intent') === 'decline') {
		const form = parseForm(declineSchema, formData)
		if (!form.success) return data({ ...form, intent: 'decline' as const }, { status: 400 })
		const result = await attempt(() =>
			declineAgreement({
				providerId: params.providerId,
				agreementId: form.data.agreementId,
				user,
				reason: form.data.declineReason,
				ip,
			}),
		)
		if (!result.ok) return refusalData(result.error, user.locale, { extra: { intent: 'decline' as const } })
		return redirectWithToast(back, { type: 'info', key: 'provider.agreementDeclinedToast' })
	}
	const form = parseForm(signSchema, formData)
	if (!form.success) return data({ ...form, intent: 'sign' as const }, { status: 400 })
	const result = await attempt(() =>
		signAgreement({
			providerId: params.providerId,
			agreementId: form.data.agreementId,
			user,
			signerName: form.data.signerName,
			signerFunction: form.data.signerFunction,
			ip,
			userAgent: request.headers.get('user-agent'),
		}),
	)
	if (!result.ok)
		return refusalData(result.error, user.locale, {
			values: { signerName: form.data.signerName, signerFunction: form.data.signerFunction },
			extra: { intent: 'sign' as const },
		})
	return redirectWithToast(back, { type: 'success', key: 'provider.agreementSignedToast' })
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.agreement'])

export default function AgreementPage({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { providerId, current, earlier, canSign, signers, userName } = loaderData
	const pdfPath = (agreementId: string, version: 'concept' | 'getekend') =>
		`${href('/aanbieder/:providerId/overeenkomst/:agreementId/pdf', { providerId, agreementId })}?versie=${version}`
	const signErrors = actionData && !actionData.success && actionData.intent === 'sign' ? actionData : undefined
	const declineErrors = actionData && !actionData.success && actionData.intent === 'decline' ? actionData : undefined
	const agreement = current?.agreement
	return (
		<div className="stack">
			<h1>{current ? t('provider.agreementTitleYear', { year: current.year }) : t('provider.agreementTitle')}</h1>
			{!current || !agreement ? (
				<p className="empty-state">{current ? t('provider.agreementNotYetOffered') : t('provider.agreementNone')}</p>
			) : (
				<>
					<p>
						<StateBadge state={current.state} /> {t(`provider.agreementStatus_${agreement.status}`)}
					</p>
					<section className="panel stack" aria-labelledby="terms-title">
						<h2 id="terms-title">{t('provider.agreementTerms')}</h2>
						<dl className="facts">
							<dt>{t('provider.termFeeRate')}</dt>
							<dd>{formatFeeRate(agreement.terms.feeRateBp, locale)}</dd>
							<dt>{t('provider.termMinimumFee')}</dt>
							<dd>{formatEuro(agreement.terms.minimumFeeCents, locale)}</dd>
							<dt>{t('provider.termListing')}</dt>
							<dd>
								{current.isReapplicant
									? t('provider.termListingReapplicant', {
											date: formatCalendarDay(withdrawalDay(agreement.qualificationDeadline), locale),
										})
									: formatCalendarDay(agreement.listingOn, locale)}
							</dd>
							<dt>{t('provider.termDeadline')}</dt>
							<dd>{formatCalendarDay(agreement.qualificationDeadline, locale)}</dd>
							<dt>{t('provider.termWithdrawal')}</dt>
							<dd>{t('provider.termWithdrawalGrounds')}</dd>
						</dl>
						<p className="button-row">
							{agreement.hasSignedFile ? (
								<a href={pdfPath(agreement.id, 'getekend')} className="button button--small">
									{t('provider.downloadSigned', { year: current.year })}
								</a>
							) : (
								<a href={pdfPath(agreement.id, 'concept')} className="button button--small">
									{t('provider.downloadDraft', { year: current.year })}
								</a>
							)}
						</p>
					</section>
					{agreement.status === 'signed' ? (
						<p className="panel panel--success">
							{t('provider.agreementSignedBy', {
								name: agreement.signerName ?? '',
								function: agreement.signerFunction ?? '',
							})}{' '}
							<DateTime value={agreement.signedAt} />
						</p>
					) : null}
					{agreement.status === 'declined' ? (
						<p className="panel panel--warning">
							{t('provider.agreementDeclinedOn')} <DateTime value={agreement.declinedAt} />
							{agreement.declineReason ? ` — ${agreement.declineReason}` : ''}
						</p>
					) : null}
					{agreement.status === 'offered' && !canSign ? (
						<p className="panel panel--info">{t('provider.agreementOnlySigners', { names: signers.join(', ') })}</p>
					) : null}
					{agreement.status === 'offered' && canSign ? (
						<>
							<section className="panel stack" aria-labelledby="sign-title">
								<h2 id="sign-title">{t('provider.signTitle')}</h2>
								<ErrorSummary fieldErrors={signErrors?.fieldErrors} formErrors={signErrors?.formErrors} />
								<Form method="post" className="form" noValidate>
									<input type="hidden" name="intent" value="sign" />
									<input type="hidden" name="agreementId" value={agreement.id} />
									<InputField
										name="signerName"
										label={t('provider.fieldSignerName')}
										autoComplete="name"
										defaultValue={typed(signErrors?.values, 'signerName', userName)}
										errors={signErrors?.fieldErrors.signerName}
										required
									/>
									<InputField
										name="signerFunction"
										label={t('provider.fieldSignerFunction')}
										autoComplete="organization-title"
										defaultValue={typed(signErrors?.values, 'signerFunction')}
										errors={signErrors?.fieldErrors.signerFunction}
										required
									/>
									<CheckboxField
										name="consent"
										label={agreement.consentText}
										errors={signErrors?.fieldErrors.consent}
									/>
									<p className="field__hint">{t('provider.signRecorded')}</p>
									<SubmitButton pendingText={t('common.saving')}>{t('provider.signSubmit')}</SubmitButton>
								</Form>
							</section>
							<details className="panel">
								<summary>{t('provider.declineTitle')}</summary>
								<ErrorSummary fieldErrors={declineErrors?.fieldErrors} formErrors={declineErrors?.formErrors} />
								<Form method="post" className="form" noValidate>
									<input type="hidden" name="intent" value="decline" />
									<input type="hidden" name="agreementId" value={agreement.id} />
									<TextareaField
										name="declineReason"
										label={t('provider.fieldDeclineReason')}
										rows={3}
										defaultValue={typed(declineErrors?.values, 'declineReason')}
									/>
									<CheckboxField
										name="confirmDecline"
										label={t('provider.fieldConfirmDecline', { year: current.year })}
										errors={declineErrors?.fieldErrors.confirmDecline}
									/>
									<SubmitButton className="button button--danger">{t('provider.declineSubmit')}</SubmitButton>
								</Form>
							</details>
						</>
					) : null}
				</>
			)}
			{earlier.length > 0 ? (
				<section aria-labelledby="earlier-title" className="stack">
					<h2 id="earlier-title">{t('provider.agreementsEarlier')}</h2>
					<ul className="card-list">
						{earlier.map((row) => (
							<li key={row.year} className="card">
								<Link
									to={href('/aanbieder/:providerId/overeenkomst/:year?', { providerId, year: String(row.year) })}
									className="card__title"
								>
									{t('provider.agreementTitleYear', { year: row.year })}
								</Link>{' '}
								<StateBadge state={row.state} />
								{row.agreement?.hasSignedFile ? (
									<>
										{' '}
										<a href={pdfPath(row.agreement.id, 'getekend')}>
											{t('provider.downloadSigned', { year: row.year })}
										</a>
									</>
								) : null}
							</li>
						))}
					</ul>
				</section>
			) : null}
		</div>
	)
}

export const ErrorBoundary = ProviderErrorBoundary
