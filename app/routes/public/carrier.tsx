import { href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/carrier'
import { PublicErrorBoundary, RegisterStatusBadge, safeWebsite, StatusLegend } from './register-ui.tsx'
import { type PublicRegisterStatus, registerSearchString, DEFAULT_REGISTER_QUERY } from '#app/domain/register-search.ts'
import { formatCalendarDay, formatDate } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { getEnv } from '#app/lib/env.server.ts'
import { notFound } from '#app/lib/http.server.ts'
import { now } from '#app/lib/clock.server.ts'
import { cachedRegisterAnswer } from '#app/services/register-cache.server.ts'
import { loadCarrier, type PublicCarrierStatus } from '#app/services/register.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { BADGE_HEIGHT, BADGE_WIDTH } from '#templates/register-badge.ts'

// A carrier's public page: what DOMAIN.md §7 makes public, for every year it was in the register.
// A provider that was never listed has no public page (404), like any unknown address.
const slugParam = z
	.string()
	.max(200)
	.regex(/^[a-z0-9][a-z0-9-]*$/)

export async function loader({ params }: Route.LoaderArgs) {
	const slug = slugParam.safeParse(params.slug)
	if (!slug.success) notFound()
	const carrier = await cachedRegisterAnswer(`carrier:${slug.data}`, now(), (at) => loadCarrier(slug.data, at))
	if (!carrier) notFound()
	// Not the exact moment of the status (`at`): the page does not show it, and without it the page
	// is the same for every request with one register key (app/services/register-cache.server.ts).
	const years = carrier.years.map(({ year, markName, qualificationDeadline, status, certificate }) => ({
		year,
		markName,
		qualificationDeadline,
		status,
		certificate,
	}))
	const path = href('/register/:slug', { slug: carrier.slug })
	// The badge's snippet goes onto other sites: absolute addresses. The preview here: relative.
	const page = new URL(path, getEnv().APP_URL).toString()
	return {
		carrier: { ...carrier, years, website: safeWebsite(carrier.website) },
		badge: { page, image: `${page}/badge.svg`, preview: `${path}/badge.svg` },
	}
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(
		args,
		args.loaderData ? [{ text: args.loaderData.carrier.name }, 'meta.register'] : ['meta.notFound'],
		args.loaderData
			? ['meta.carrierDescription', { name: args.loaderData.carrier.name, city: args.loaderData.carrier.city }]
			: undefined,
	)

/** The register's public status; an expired year shows as the status it ended with. */
function publicStatus(status: PublicCarrierStatus): { status: PublicRegisterStatus; withdrawnAt: Date | null } {
	if (status.kind === 'withdrawn') return { status: 'withdrawn', withdrawnAt: status.since }
	if (status.kind === 'qualified') return { status: 'qualified', withdrawnAt: null }
	return { status: 'listed', withdrawnAt: null }
}

export default function Carrier({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { carrier, badge } = loaderData
	const [current, ...earlier] = carrier.years
	const date = (value: Date) => formatDate(value, locale)
	const inRegister = current?.status.kind === 'listed' || current?.status.kind === 'qualified'
	return (
		<div className="stack carrier">
			<p>
				<Link to="/register">{t('register.backToRegister')}</Link>
			</p>
			<header className="carrier__header">
				<h1>{carrier.name}</h1>
				{current ? <RegisterStatusBadge {...publicStatus(current.status)} /> : null}
			</header>

			{current ? (
				<section aria-labelledby="carrier-current" className="panel stack">
					<h2 id="carrier-current">{t('register.carrierCurrentTitle', { year: current.year })}</h2>
					<p>
						{current.status.kind === 'withdrawn'
							? t('register.carrierWithdrawnText', { date: date(current.status.since) })
							: current.status.kind === 'qualified'
								? t('register.carrierQualifiedText', { year: current.year, date: date(current.status.qualifiedAt) })
								: current.status.kind === 'expired'
									? t('register.carrierExpiredText', { year: current.year })
									: t('register.carrierListedText', {
											year: current.year,
											date: date(current.status.since),
											deadline: formatCalendarDay(current.qualificationDeadline, locale),
										})}
					</p>
					{current.certificate ? (
						<dl className="summary-list">
							<div>
								<dt>{t('register.carrierCertificate')}</dt>
								<dd>
									<Link
										to={href('/verifieer/:number?', { number: encodeURIComponent(current.certificate.number) })}
										aria-label={t('register.carrierVerifyLink', { number: current.certificate.number })}
									>
										{current.certificate.number}
									</Link>
								</dd>
							</div>
							{current.status.kind === 'qualified' ? (
								<div>
									<dt>{t('register.carrierCertificateValid')}</dt>
									<dd>{date(current.certificate.validUntil)}</dd>
								</div>
							) : null}
						</dl>
					) : null}
					<p>
						<Link to={href('/normen/:year', { year: String(current.year) })}>
							{t('register.carrierNorms', { year: current.year })}
						</Link>
					</p>
					<StatusLegend qualificationDeadline={current.qualificationDeadline} />
				</section>
			) : null}

			<section aria-labelledby="carrier-locations" className="stack">
				<h2 id="carrier-locations">{t('register.carrierLocationsTitle')}</h2>
				<p className="field__hint">{t('register.carrierLocationsLead')}</p>
				{/* DOMAIN.md §7: postcode and city are public, the street is not. */}
				<ul className="location-list">
					<li className="location-list__item">
						<span className="location-list__place">
							{carrier.postcode} <span className="nowrap">{carrier.city}</span>
						</span>
						{carrier.province ? <span className="location-list__province">{carrier.province}</span> : null}
						<Link to={`${href('/register')}${registerSearchString({ ...DEFAULT_REGISTER_QUERY, city: carrier.city })}`}>
							{t('register.carrierLocationOthers', { city: carrier.city })}
						</Link>
					</li>
				</ul>
			</section>

			<section aria-labelledby="carrier-details" className="stack">
				<h2 id="carrier-details">{t('register.carrierDetailsTitle')}</h2>
				<dl className="summary-list">
					<div>
						<dt>{t('register.carrierType')}</dt>
						<dd>{t(`states.${carrier.type}`)}</dd>
					</div>
					{carrier.website ? (
						<div>
							<dt>{t('register.carrierWebsite')}</dt>
							<dd>
								<a href={carrier.website} rel="noopener noreferrer nofollow">
									{carrier.website}
								</a>
							</dd>
						</div>
					) : null}
					<div>
						<dt>{t('register.carrierYears')}</dt>
						<dd>
							{[...carrier.years]
								.reverse()
								.map((entry) => entry.year)
								.join(', ')}
						</dd>
					</div>
				</dl>
			</section>

			{earlier.length > 0 ? (
				<section aria-labelledby="carrier-history" className="stack">
					<h2 id="carrier-history">{t('register.carrierHistoryTitle')}</h2>
					<div className="table-wrapper">
						<table className="table">
							<thead>
								<tr>
									<th scope="col">{t('register.carrierHistoryYear')}</th>
									<th scope="col">{t('register.carrierHistoryStatus')}</th>
									<th scope="col">{t('register.carrierHistoryCertificate')}</th>
								</tr>
							</thead>
							<tbody>
								{earlier.map((entry) => (
									<tr key={entry.year}>
										<th scope="row">{entry.year}</th>
										<td>
											<RegisterStatusBadge {...publicStatus(entry.status)} />
										</td>
										<td>
											{entry.certificate ? (
												<Link
													to={href('/verifieer/:number?', { number: encodeURIComponent(entry.certificate.number) })}
												>
													{entry.certificate.number}
												</Link>
											) : (
												'—'
											)}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				</section>
			) : null}

			{inRegister && current ? (
				<BadgeSection carrierName={carrier.name} markName={current.markName} badge={badge} />
			) : null}
			<p className="field__hint">{t('register.carrierPrivacy')}</p>
		</div>
	)
}

/** The badge a carrier can embed (only while it is in the register), with the HTML to copy. */
function BadgeSection({
	carrierName,
	markName,
	badge,
}: {
	carrierName: string
	markName: string
	badge: { page: string; image: string; preview: string }
}) {
	const t = useT()
	const locale = useLocale()
	const language = locale === 'en' ? '?lang=en' : ''
	const image = `${badge.image}${language}`
	const alt = t('register.badgeAlt', { mark: markName, name: carrierName })
	const snippet = `<a href="${escapeAttribute(badge.page)}"><img src="${escapeAttribute(image)}" width="${BADGE_WIDTH}" height="${BADGE_HEIGHT}" alt="${escapeAttribute(alt)}"></a>`
	return (
		<section aria-labelledby="carrier-badge" className="panel panel--muted stack">
			<h2 id="carrier-badge">{t('register.badgeTitleSection')}</h2>
			<p>{t('register.badgeLead')}</p>
			<figure className="badge-preview">
				<img src={`${badge.preview}${language}`} width={BADGE_WIDTH} height={BADGE_HEIGHT} alt={alt} />
				<figcaption className="field__hint">{t('register.badgePreview')}</figcaption>
			</figure>
			<div className="field">
				<label htmlFor="badge-snippet" className="field__label">
					{t('register.badgeSnippet')}
				</label>
				<p id="badge-snippet-hint" className="field__hint">
					{t('register.badgeSnippetHint')}
				</p>
				<textarea
					id="badge-snippet"
					className="input badge-snippet"
					readOnly
					rows={4}
					value={snippet}
					aria-describedby="badge-snippet-hint"
				/>
			</div>
			<p>
				<a href={`${badge.preview}${language}`}>{t('register.badgeImageLink')}</a>
			</p>
		</section>
	)
}

function escapeAttribute(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export const ErrorBoundary = PublicErrorBoundary
