// Parts of /aanmelden (application.tsx): what to prepare before the window opens, "mail me when it
// opens", and the check-your-answers step.
import { Form, href, Link } from 'react-router'
import { ErrorSummary, InputField, SubmitButton } from '#app/components/forms.tsx'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { formatCalendarDay, formatEuro, formatFeeRate, formatList } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import type { FormFailure, FormValues } from '#app/lib/forms.ts'
import type { ApplicationPreparation, KnownApplicant } from '#app/services/application.server.ts'

/** Every field of the application form in the order the form shows them (the check step's order). */
export const APPLICATION_FIELDS: readonly { name: string; label: MessageKey; section: MessageKey }[] = [
	{ name: 'kvkNumber', label: 'provider.fieldKvk', section: 'provider.sectionOrganisation' },
	{ name: 'name', label: 'provider.fieldName', section: 'provider.sectionOrganisation' },
	{ name: 'type', label: 'provider.fieldType', section: 'provider.sectionOrganisation' },
	{ name: 'agbCode', label: 'provider.fieldAgb', section: 'provider.sectionOrganisation' },
	{ name: 'street', label: 'provider.fieldStreet', section: 'provider.sectionOrganisation' },
	{ name: 'houseNumber', label: 'provider.fieldHouseNumber', section: 'provider.sectionOrganisation' },
	{ name: 'postcode', label: 'provider.fieldPostcode', section: 'provider.sectionOrganisation' },
	{ name: 'city', label: 'provider.fieldCity', section: 'provider.sectionOrganisation' },
	{ name: 'website', label: 'provider.fieldWebsite', section: 'provider.sectionOrganisation' },
	{ name: 'email', label: 'provider.fieldEmail', section: 'provider.sectionOrganisation' },
	{ name: 'phone', label: 'provider.fieldPhone', section: 'provider.sectionOrganisation' },
	{ name: 'offersChronicEchelon', label: 'provider.fieldChronic', section: 'provider.sectionOrganisation' },
	{ name: 'contactName', label: 'provider.fieldContactName', section: 'provider.sectionContact' },
	{ name: 'contactFunction', label: 'provider.fieldContactFunction', section: 'provider.sectionContact' },
	{ name: 'contactEmail', label: 'provider.fieldContactEmail', section: 'provider.sectionContact' },
	{ name: 'markHistory', label: 'provider.fieldMarkHistory', section: 'provider.sectionHistory' },
	{
		name: 'withdrawalExplanation',
		label: 'provider.fieldWithdrawalExplanation',
		section: 'provider.sectionHistory',
	},
]

const CHOICES: Record<string, Record<string, MessageKey>> = {
	type: { independent_practice: 'provider.typeIndependent', institution: 'provider.typeInstitution' },
	offersChronicEchelon: { yes: 'provider.yes', no: 'provider.no' },
	markHistory: {
		never: 'provider.markHistory_never',
		carrier: 'provider.markHistory_carrier',
		withdrawn: 'provider.markHistory_withdrawn',
	},
}

/**
 * The answers as entered, by section, each with a "wijzigen" button that brings the form back at
 * that field, and the button that sends. Every value rides along in a hidden field: nothing is lost
 * and no script is needed.
 */
export function CheckAnswers({ values, honeypot }: { values: FormValues; honeypot: string }) {
	const t = useT()
	const text = (name: string) => {
		const value = values[name]
		return typeof value === 'string' ? value.trim() : ''
	}
	const shown = APPLICATION_FIELDS.filter(
		(field) => field.name !== 'withdrawalExplanation' || text('markHistory') === 'withdrawn',
	)
	const sections = [...new Set(shown.map((field) => field.section))]
	return (
		<Form method="post" className="stack" noValidate>
			{APPLICATION_FIELDS.map((field) => (
				<input key={field.name} type="hidden" name={field.name} value={text(field.name)} />
			))}
			<input type="hidden" name={honeypot} value="" />
			{sections.map((section) => (
				<section key={section} aria-labelledby={`check-${section}`}>
					<h2 id={`check-${section}`}>{t(section)}</h2>
					<dl className="summary-list summary-list--actions">
						{shown
							.filter((field) => field.section === section)
							.map((field) => {
								const choice = CHOICES[field.name]?.[text(field.name)]
								const value = choice ? t(choice) : text(field.name)
								return (
									<div key={field.name}>
										<dt>{t(field.label)}</dt>
										<dd>{value || <span className="field__hint">{t('provider.checkEmpty')}</span>}</dd>
										<dd className="summary-list__action">
											<button
												type="submit"
												name="edit"
												value={field.name}
												className="button-link"
												aria-label={`${t('provider.checkChange')}: ${t(field.label)}`}
											>
												{t('provider.checkChange')}
											</button>
										</dd>
									</div>
								)
							})}
					</dl>
				</section>
			))}
			<p>{t('provider.checkDeclaration')}</p>
			<SubmitButton name="intent" value="send" pendingText={t('common.saving')}>
				{t('provider.applicationSubmit')}
			</SubmitButton>
		</Form>
	)
}

/**
 * A signed-in member applying again: which of its organisations (a link per organisation when there
 * are several), and what the portal knows of the chosen one's earlier years. The withdrawal is
 * named only when its latest participation ended withdrawn: only then is the explanation asked.
 */
export function KnownApplicantChoice({
	known,
	applicant,
}: {
	known: { providerId: string; name: string }[]
	applicant: KnownApplicant | null
}) {
	const t = useT()
	const locale = useLocale()
	return (
		<section className="panel panel--info stack" aria-labelledby="known-applicant-title">
			<h2 id="known-applicant-title">
				{applicant
					? t('provider.knownApplicantTitle', { name: applicant.organisation.name })
					: t('provider.knownApplicantChoose')}
			</h2>
			{applicant ? (
				<>
					<p>{t('provider.knownApplicantFilled')}</p>
					{applicant.history === 'withdrawn' ? (
						<p>{t('provider.knownApplicantWithdrawn', { year: applicant.withdrawnYear ?? '' })}</p>
					) : applicant.history === 'carrier' ? (
						<p>
							{t('provider.knownApplicantCarrier', { years: formatList(applicant.carrierYears.map(String), locale) })}
						</p>
					) : null}
				</>
			) : null}
			{known.length > 1 ? (
				<ul className="stack">
					{known
						.filter((entry) => entry.providerId !== applicant?.providerId)
						.map((entry) => (
							<li key={entry.providerId}>
								<Link to={`${href('/aanmelden')}?aanbieder=${encodeURIComponent(entry.providerId)}`}>
									{t('provider.knownApplicantUse', { name: entry.name })}
								</Link>
							</li>
						))}
				</ul>
			) : null}
		</section>
	)
}

/** What a provider can prepare before the window opens: dates, norms, fee, the agreement. */
export function Preparation({ preparation: p }: { preparation: ApplicationPreparation }) {
	const t = useT()
	const locale = useLocale()
	const day = (date: string) => formatCalendarDay(date, locale)
	return (
		<section className="stack" aria-labelledby="prepare-title">
			<h2 id="prepare-title">{t('provider.prepareTitle', { year: p.year })}</h2>
			<p>{t('provider.prepareIntro', { markName: p.markName, year: p.year })}</p>

			<h3>{t('provider.prepareDates')}</h3>
			<dl className="facts">
				<dt>{t('provider.prepareDateWindow')}</dt>
				<dd>
					{t('provider.prepareDateWindowText', {
						opensOn: day(p.applicationOpensOn),
						closesOn: day(p.applicationClosesOn),
					})}
				</dd>
				<dt>{t('provider.prepareDateAgreement')}</dt>
				<dd>{t('provider.prepareDateAgreementText', { offeredOn: day(p.agreementsOfferedOn) })}</dd>
				<dt>{t('provider.prepareDateListing')}</dt>
				<dd>{t('provider.prepareDateListingText', { listingOn: day(p.listingOn) })}</dd>
				<dt>{t('provider.prepareDateQualification')}</dt>
				<dd>{t('provider.prepareDateQualificationText', { deadline: day(p.qualificationDeadline) })}</dd>
			</dl>

			<h3>{t('provider.prepareNorms')}</h3>
			<p>
				{p.normsPublished ? (
					<Link to={href('/normen/:year', { year: String(p.year) })}>
						{t('provider.prepareNormsLink', { year: p.year })}
					</Link>
				) : (
					t('provider.prepareNormsLater', { year: p.year, publishedOn: day(p.normsPublishedOn) })
				)}
				{!p.normsPublished && p.latestPublishedNorms ? (
					<>
						{' '}
						<Link to={href('/normen/:year', { year: String(p.latestPublishedNorms) })}>
							{t('provider.prepareNormsMeanwhile', { year: p.latestPublishedNorms })}
						</Link>
					</>
				) : null}
			</p>

			<h3>{t('provider.prepareFee')}</h3>
			<p>
				{p.fee
					? t('provider.prepareFeeText', {
							rate: formatFeeRate(p.fee.rateBp, locale),
							turnoverLabel: p.fee.turnoverLabel,
							minimum: formatEuro(p.fee.minimumFeeCents, locale),
						})
					: t('provider.prepareFeeLater', { year: p.year, publishBy: day(p.feeRatePublishBy) })}
			</p>

			<h3>{t('provider.prepareAgreement')}</h3>
			<ul className="stack">
				<li>{t('provider.prepareAgreementListing', { listingOn: day(p.listingOn) })}</li>
				<li>
					{t('provider.prepareAgreementQualification', {
						deadline: day(p.qualificationDeadline),
						count: p.maxRevisions,
					})}
				</li>
				<li>{t('provider.prepareAgreementFee')}</li>
				<li>{t('provider.prepareAgreementWithdrawal', { deadline: day(p.qualificationDeadline) })}</li>
			</ul>

			<h3>{t('provider.prepareNeeds')}</h3>
			<ul className="stack">
				<li>{t('provider.prepareNeedsNumbers')}</li>
				<li>{t('provider.prepareNeedsContact')}</li>
				<li>{t('provider.prepareNeedsHistory')}</li>
			</ul>
		</section>
	)
}

/** "Mail me when it opens": one address, one message, then the address is deleted. */
export function SubscribeForm({
	honeypot,
	subscribed,
	errors,
	opensOn,
}: {
	honeypot: string
	subscribed: boolean
	errors: FormFailure | undefined
	opensOn: string | null
}) {
	const t = useT()
	return (
		<section className="panel stack" aria-labelledby="subscribe-title">
			<h2 id="subscribe-title">{t('provider.subscribeTitle')}</h2>
			{subscribed ? (
				<p className="panel panel--success" role="status">
					{t('provider.subscribeDone')}
				</p>
			) : null}
			<p>{opensOn ? t('provider.subscribeIntroOn', { opensOn }) : t('provider.subscribeIntro')}</p>
			<ErrorSummary fieldErrors={errors?.fieldErrors} formErrors={errors?.formErrors} />
			<Form method="post" className="form" noValidate>
				<input type="hidden" name="intent" value="subscribe" />
				<InputField
					name="email"
					type="email"
					label={t('provider.subscribeEmail')}
					autoComplete="email"
					defaultValue={typeof errors?.values.email === 'string' ? errors.values.email : ''}
					errors={errors?.fieldErrors.email}
					required
				/>
				<div className="visually-hidden" aria-hidden="true">
					<label htmlFor="subscribe-honeypot">Faxnummer</label>
					<input id="subscribe-honeypot" name={honeypot} tabIndex={-1} autoComplete="off" defaultValue="" />
				</div>
				<SubmitButton pendingText={t('common.saving')}>{t('provider.subscribeSubmit')}</SubmitButton>
			</Form>
		</section>
	)
}
