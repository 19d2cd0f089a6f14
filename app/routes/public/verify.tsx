import { data, Form, href, Link, redirect } from 'react-router'
import type { Route } from './+types/verify'
import { PublicErrorBoundary } from './register-ui.tsx'
import { InputField } from '#app/components/forms.tsx'
import { formatDate, formatDateTime } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { normaliseCertificateNumber, verifyForPage } from '#app/services/verification.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

// Certificate verification: /verifieer (the form, a GET so it works without JavaScript) and
// /verifieer/<number>, where the QR code on every certificate leads. The answer is live: the server
// keeps it per register moment (verification.server.ts), which equals computing it anew, and every
// lookup of a well-formed number is counted (without personal data, written behind). `no-store`
// here; an anonymous visitor's page of a known number gets an ETag and `private, no-cache` instead
// (server/verification-http-cache.ts): the browser asks every time, and gets 304 only while the
// page — answer and the minute it shows — is the same.
export async function loader({ request, params, context }: Route.LoaderArgs) {
	const headers = { 'Cache-Control': 'no-store' }
	if (params.number === undefined) {
		const typed = new URL(request.url).searchParams.get('nummer')
		if (typed === null || typed.trim() === '')
			return data({ typed: '', error: null, verification: null, checkedAt: null }, { headers })
		const number = normaliseCertificateNumber(typed.slice(0, 200))
		if (number) throw redirect(href('/verifieer/:number?', { number: encodeURIComponent(number) }))
		return data(
			{ typed: typed.slice(0, 200), error: 'register.verifyInvalid' as const, verification: null, checkedAt: null },
			{ status: 400, headers },
		)
	}
	// The middleware has looked this number up already (unless it is not one): its answer, not a second read.
	const { verification, at: checkedAt } = await verifyForPage(params.number.slice(0, 200), context.verification)
	const status = verification.result === 'invalid' || verification.result === 'unknown' ? 404 : 200
	const typed = verification.result === 'invalid' ? params.number.slice(0, 200) : verification.number
	return data({ typed, error: null, verification, checkedAt }, { status, headers })
}

export function headers({ loaderHeaders }: Route.HeadersArgs) {
	return loaderHeaders
}

export const meta: Route.MetaFunction = (args) => [
	...pageMeta(args, [
		args.loaderData?.verification && args.loaderData.verification.result !== 'invalid'
			? ['meta.certificate', { number: args.loaderData.verification.number }]
			: 'meta.verify',
	]),
	{ name: 'robots', content: 'noindex' },
]

const PANEL = {
	valid: 'panel panel--success',
	not_yet_valid: 'panel panel--info',
	withdrawn: 'panel panel--danger',
	expired: 'panel panel--warning',
	unknown: 'panel panel--danger',
} as const

export default function Verify({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { typed, error, verification, checkedAt } = loaderData
	const date = (value: Date) => formatDate(value, locale)
	const result = verification ? (verification.result === 'invalid' ? 'unknown' : verification.result) : null
	return (
		<div className="stack narrow">
			<h1>{t('register.verifyTitle')}</h1>
			{verification && result ? (
				<section className={PANEL[result]} aria-labelledby="verify-result" role="status">
					<h2 id="verify-result">
						{verification.result === 'invalid' ? (
							t('register.verify_unknown')
						) : (
							<>
								<WithNumber text={t('register.verifyResultTitle', { number: NUMBER })} number={verification.number} />
								{`: ${t(`register.verify_${result}`)}`}
							</>
						)}
					</h2>
					{'carrier' in verification ? (
						<>
							<p>
								{verification.result === 'valid'
									? t('register.verifyValidText', {
											name: verification.carrier.name,
											city: verification.carrier.city,
											mark: verification.markName,
											year: verification.year,
											date: date(verification.validUntil),
										})
									: verification.result === 'not_yet_valid'
										? t('register.verifyNotYetValidText', {
												name: verification.carrier.name,
												city: verification.carrier.city,
												mark: verification.markName,
												year: verification.year,
											})
										: verification.result === 'withdrawn'
											? t('register.verifyWithdrawnText', {
													name: verification.carrier.name,
													city: verification.carrier.city,
													year: verification.year,
													date: date(verification.endedAt ?? verification.validUntil),
												})
											: t('register.verifyExpiredText', {
													name: verification.carrier.name,
													city: verification.carrier.city,
													year: verification.year,
													date: date(verification.validUntil),
												})}
							</p>
							<p>
								<Link to={href('/register/:slug', { slug: encodeURIComponent(verification.carrier.slug) })}>
									{t('register.verifyCarrierLink', { name: verification.carrier.name })}
								</Link>
							</p>
						</>
					) : (
						<p>{t('register.verifyUnknownText')}</p>
					)}
					{checkedAt ? (
						<p className="field__hint">{t('register.verifyLiveNote', { date: formatDateTime(checkedAt, locale) })}</p>
					) : null}
				</section>
			) : (
				<p className="lead">{t('register.verifyLead')}</p>
			)}
			<Form method="get" action="/verifieer" className="form" aria-labelledby="verify-form-title">
				<h2 id="verify-form-title" className={verification ? undefined : 'visually-hidden'}>
					{verification ? t('register.verifyAnother') : t('register.verifyTitle')}
				</h2>
				<InputField
					name="nummer"
					label={t('register.verifyNumber')}
					hint={t('register.verifyNumberHint')}
					defaultValue={verification ? '' : typed}
					errors={error ? [error] : undefined}
					autoComplete="off"
					autoCapitalize="characters"
					spellCheck={false}
					maxLength={40}
					required
				/>
				<button type="submit" className="button button--primary">
					{t('register.verifySubmit')}
				</button>
			</Form>
		</div>
	)
}

// A certificate number kept on one line ("KBG-2079-\n0017" reads as two numbers): the message is
// translated with a marker where the number goes, and the number is put there whole.
const NUMBER = '\u0000'

function WithNumber({ text, number }: { text: string; number: string }) {
	const [before = '', after = ''] = text.split(NUMBER)
	return (
		<>
			{before}
			<span className="nowrap">{number}</span>
			{after}
		</>
	)
}

export const ErrorBoundary = PublicErrorBoundary
