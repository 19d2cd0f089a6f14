import {
	data,
	isRouteErrorResponse,
	Links,
	Meta,
	Outlet,
	Scripts,
	ScrollRestoration,
	useRouteLoaderData,
} from 'react-router'
import type { Route } from './+types/root'
import { AppShell } from '#app/components/layout.tsx'
import { ErrorPage } from '#app/components/error-page.tsx'
import { I18nProvider } from '#app/i18n/react.tsx'
import { clockDescription } from '#app/lib/clock.server.ts'
import { getPublicEnv } from '#app/lib/env.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { useNonce } from '#app/lib/nonce.tsx'
import { getOptionalUser } from '#app/lib/permissions.server.ts'
import { takeToast } from '#app/lib/toast.server.ts'
import { markNameAt } from '#app/services/years.server.ts'
import stylesheet from '#app/styles/app.css?url'
import experienceStylesheet from '#app/styles/experience.css?url'
import { pageMeta } from '#app/i18n/meta.ts'

export const links: Route.LinksFunction = () => [
	{ rel: 'stylesheet', href: stylesheet },
	{ rel: 'stylesheet', href: experienceStylesheet },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await getOptionalUser(request)
	const locale = await getLocale(request, user)
	const { toast, setCookie } = await takeToast(request)
	const env = getPublicEnv()
	const clock = clockDescription()
	// The site carries the name of the mark in force this year (issue 16 item 7).
	const markName = await markNameAt()
	return data(
		{ user, locale, toast, env, markName, clockNow: clock.mode === 'real' ? null : clock.now },
		{ headers: setCookie ? { 'Set-Cookie': setCookie } : undefined },
	)
}

export function Layout({ children }: { children: React.ReactNode }) {
	const loaderData = useRouteLoaderData<typeof loader>('root')
	const nonce = useNonce()
	const locale = loaderData?.locale ?? 'nl'
	return (
		<html lang={locale}>
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<meta name="color-scheme" content="light" />
				<Meta />
				<Links />
			</head>
			<body>
				<I18nProvider locale={locale}>
					<AppShell
						user={loaderData?.user ?? null}
						locale={locale}
						demo={loaderData?.env.DEMO ?? false}
						markName={loaderData?.markName ?? null}
						clockNow={loaderData?.clockNow ?? null}
						toast={loaderData?.toast ?? null}
					>
						{children}
					</AppShell>
				</I18nProvider>
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [{ text: args.loaderData?.markName ?? 'Keurmerk Basis GGZ' }])

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
	if (isRouteErrorResponse(error)) return <ErrorPage status={error.status} />
	if (import.meta.env.DEV && error instanceof Error) {
		return <ErrorPage status={500} detail={`${error.message}\n${error.stack ?? ''}`} />
	}
	return <ErrorPage status={500} />
}
