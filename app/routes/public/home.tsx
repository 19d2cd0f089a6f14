import { Form, Link } from 'react-router'
import type { Route } from './+types/home'
import { upcomingQualificationDeadline } from '#app/domain/calendar.ts'
import { formatCalendarDay } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { now } from '#app/lib/clock.server.ts'
import { getOptionalUser } from '#app/lib/permissions.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { getYearSettings, markNameAt, runningYearAt } from '#app/services/years.server.ts'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await getOptionalUser(request)
	// The deadline is a setting of each year (KiBG moved it before): never "1 April" as a fixed text.
	const at = now()
	const running = runningYearAt(at)
	const [markName, current, next] = await Promise.all([
		markNameAt(at),
		getYearSettings(running),
		getYearSettings(running + 1),
	])
	return { signedIn: Boolean(user), markName, qualification: upcomingQualificationDeadline(current, next, at) }
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(
		args,
		[{ text: args.loaderData?.markName ?? 'Keurmerk Basis GGZ' }],
		['meta.homeDescription', { markName: args.loaderData?.markName ?? 'Keurmerk Basis GGZ' }],
	)

export default function Home({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { qualification } = loaderData
	return (
		<div className="stack">
			<section className="hero" aria-labelledby="home-title">
				<h1 id="home-title">{loaderData.markName}</h1>
				<p className="lead">{t('home.lead', { mark: loaderData.markName })}</p>
			</section>
			<div className="card-grid">
				<section className="card" aria-labelledby="home-register">
					<h2 id="home-register">{t('home.registerTitle')}</h2>
					<p>{t('home.registerText')}</p>
					{/* A plain GET form: the search works without JavaScript and lands on a shareable URL. */}
					<Form method="get" action="/register" role="search" className="form">
						<label htmlFor="home-search" className="field__label">
							{t('home.searchLabel')}
						</label>
						<input id="home-search" name="q" type="search" className="input" maxLength={100} autoComplete="off" />
						<button type="submit" className="button button--primary">
							{t('home.searchSubmit')}
						</button>
					</Form>
					<p>
						<Link to="/register">{t('home.registerCta')}</Link>
					</p>
				</section>
				<section className="card" aria-labelledby="home-verify">
					<h2 id="home-verify">{t('home.verifyTitle')}</h2>
					<p>{t('home.verifyText')}</p>
					<Form method="get" action="/verifieer" className="form">
						<label htmlFor="home-verify-number" className="field__label">
							{t('home.verifyLabel')}
						</label>
						<input
							id="home-verify-number"
							name="nummer"
							className="input"
							maxLength={40}
							autoComplete="off"
							placeholder="KBG-2026-0042"
						/>
						<button type="submit" className="button">
							{t('home.verifyCta')}
						</button>
					</Form>
					<p>
						<Link to="/normen">{t('home.normsLink')}</Link>
					</p>
				</section>
				<section className="card" aria-labelledby="home-providers">
					<h2 id="home-providers">{t('home.providersTitle')}</h2>
					<p>
						{qualification
							? t('home.providersTextDeadline', { date: formatCalendarDay(qualification.deadline, locale) })
							: t('home.providersTextNoYear')}
					</p>
					{loaderData.signedIn ? null : (
						<p>
							<Link to="/inloggen" className="button button--primary">
								{t('home.providersCta')}
							</Link>
						</p>
					)}
				</section>
			</div>
		</div>
	)
}
