// /weer-ingelogd — where the login opened from a page whose session had ended lands (issue 15).
// It tells the other tabs of this browser that the session is back, so their autosave sends what
// was typed at once (autosave-fieldset.tsx listens), and says this tab may be closed.
import { useEffect } from 'react'
import { Link } from 'react-router'
import type { Route } from './+types/signed-in-again'
import { pageMeta } from '#app/i18n/meta.ts'
import { useT } from '#app/i18n/react.tsx'
import { homePathFor, requireUser } from '#app/lib/permissions.server.ts'
import { SESSION_CHANNEL } from '#app/lib/session-channel.ts'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireUser(request)
	return { home: homePathFor(user) }
}

export default function SignedInAgain({ loaderData }: Route.ComponentProps) {
	const t = useT()
	useEffect(() => {
		if (typeof BroadcastChannel === 'undefined') return
		const channel = new BroadcastChannel(SESSION_CHANNEL)
		channel.postMessage('signed-in')
		channel.close()
	}, [])
	return (
		<div className="narrow stack">
			<h1>{t('auth.signedInAgainTitle')}</h1>
			<p className="panel panel--success" role="status">
				{t('auth.signedInAgainText')}
			</p>
			<p>
				<Link to={loaderData.home}>{t('auth.signedInAgainHome')}</Link>
			</p>
		</div>
	)
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.signedInAgain'])
