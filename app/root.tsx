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
import { providerUnread } from '#app/services/conversation.server.ts'
import stylesheet from '#app/styles/app.css?url'
import experienceStylesheet from '#app/styles/experience.css?url'
import { pageMeta } from '#app/i18n/meta.ts'

export const links: Route.LinksFunction = () => [
	{ rel: 'stylesheet', href: stylesheet },
	{ rel: 'stylesheet', href: experienceStylesheet },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await getOptionalUser(request)
	const locale = await getLocale(request, user)
	const { toast, setCookie } = await takeToast(request)
	const env = getPublicEnv()
	const clock = clockDescription()
	// The site carries the name of the mark in force this year (issue 16 item 7).
	const markName = await markNameAt()
	// Issue 12 §4: a member sees in the provider's menu how many messages of KiBG wait unread.
	const member = user?.memberships.some((membership) => membership.providerId === params.providerId)
	let unreadMessages = 0
	if (user && member && params.providerId) {
		const unread = await providerUnread(params.providerId, user.id)
		// The thread being opened is read by this very request (its loader runs beside this one).
		const open = /^\/aanbieder\/[^/]+\/berichten\/(\d{4})\/?$/.exec(new URL(request.url).pathname)?.[1]
		unreadMessages = unread.total - (open ? (unread.byYear[Number(open)] ?? 0) : 0)
	}
	return data(
		{ user, locale, toast, env, markName, unreadMessages, clockNow: clock.mode === 'real' ? null : clock.now },
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
						unreadMessages={loaderData?.unreadMessages ?? 0}
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
