import { Form, Link } from 'react-router'
import type { Route } from './+types/home'
import { useT } from '#app/i18n/react.tsx'
import { getOptionalUser } from '#app/lib/permissions.server.ts'
import { markNameAt } from '#app/services/years.server.ts'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await getOptionalUser(request)
	return { signedIn: Boolean(user), markName: await markNameAt() }
}

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: `${data?.markName ?? 'Keurmerk Basis GGZ'} · Keurmerkportaal` },
	{
		name: 'description',
		content: `Het portaal van het ${data?.markName ?? 'Keurmerk Basis GGZ'}: zoek keurmerkdragers, controleer certificaten en regel als zorgaanbieder alles rond het keurmerk.`,
	},
]

export default function Home({ loaderData }: Route.ComponentProps) {
	const t = useT()
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
					<p>{t('home.providersText')}</p>
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
