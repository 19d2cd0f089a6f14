import { href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/carrier'
import { PublicErrorBoundary, RegisterStatusBadge, safeWebsite } from './register-ui.tsx'
import type { PublicRegisterStatus } from '#app/domain/register-search.ts'
import { formatDate } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { notFound } from '#app/lib/http.server.ts'
import { now } from '#app/lib/clock.server.ts'
import { cachedRegisterAnswer } from '#app/services/register-cache.server.ts'
import { loadCarrier, type PublicCarrierStatus } from '#app/services/register.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

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
	const years = carrier.years.map(({ year, markName, status, certificate }) => ({
		year,
		markName,
		status,
		certificate,
	}))
	return { carrier: { ...carrier, years, website: safeWebsite(carrier.website) } }
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
	const { carrier } = loaderData
	const [current, ...earlier] = carrier.years
	const date = (value: Date) => formatDate(value, locale)
	return (
		<div className="stack">
			<p>
				<Link to="/register">{t('register.backToRegister')}</Link>
			</p>
			<h1>{carrier.name}</h1>
			<dl className="panel">
				<dt>{t('register.carrierType')}</dt>
				<dd>{t(`states.${carrier.type}`)}</dd>
				<dt>{t('register.carrierAddress')}</dt>
				<dd>
					{carrier.postcode} {carrier.city}
				</dd>
				{carrier.province ? (
					<>
						<dt>{t('register.carrierProvince')}</dt>
						<dd>{carrier.province}</dd>
					</>
				) : null}
				{carrier.website ? (
					<>
						<dt>{t('register.carrierWebsite')}</dt>
						<dd>
							<a href={carrier.website} rel="noopener noreferrer nofollow">
								{carrier.website}
							</a>
						</dd>
					</>
				) : null}
				<dt>{t('register.carrierYears')}</dt>
				<dd>
					{[...carrier.years]
						.reverse()
						.map((entry) => entry.year)
						.join(', ')}
				</dd>
			</dl>

			{current ? (
				<section aria-labelledby="carrier-current" className="stack">
					<h2 id="carrier-current">{t('register.carrierCurrentTitle', { year: current.year })}</h2>
					<p>
						<RegisterStatusBadge {...publicStatus(current.status)} />
					</p>
					<p>
						{current.status.kind === 'withdrawn'
							? t('register.carrierWithdrawnText', { date: date(current.status.since) })
							: current.status.kind === 'qualified'
								? t('register.carrierQualifiedText', { year: current.year, date: date(current.status.qualifiedAt) })
								: current.status.kind === 'expired'
									? t('register.carrierExpiredText', { year: current.year })
									: t('register.carrierListedText', { year: current.year, date: date(current.status.since) })}
					</p>
					{current.certificate ? (
						<dl>
							<dt>{t('register.carrierCertificate')}</dt>
							<dd>
								<Link
									to={href('/verifieer/:number?', { number: encodeURIComponent(current.certificate.number) })}
									aria-label={t('register.carrierVerifyLink', { number: current.certificate.number })}
								>
									{current.certificate.number}
								</Link>
							</dd>
							{current.status.kind === 'qualified' ? (
								<>
									<dt>{t('register.carrierCertificateValid')}</dt>
									<dd>{date(current.certificate.validUntil)}</dd>
								</>
							) : null}
						</dl>
					) : null}
					<p>
						<Link to={href('/normen/:year', { year: String(current.year) })}>
							{t('register.carrierNorms', { year: current.year })}
						</Link>
					</p>
				</section>
			) : null}

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
			<p className="field__hint">{t('register.carrierPrivacy')}</p>
		</div>
	)
}

export const ErrorBoundary = PublicErrorBoundary
