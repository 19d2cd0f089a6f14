import { redirect } from 'react-router'
import type { Route } from './+types/logout'
import { destroySession } from '#app/lib/session.server.ts'
import { serializeToast } from '#app/lib/toast.server.ts'

// POST only: a link or an image cannot log anybody out.
export async function loader() {
	return redirect('/')
}

export async function action({ request }: Route.ActionArgs) {
	const headers = new Headers()
	headers.append('Set-Cookie', await destroySession(request))
	headers.append('Set-Cookie', await serializeToast({ type: 'info', key: 'auth.logoutDone' }))
	return redirect('/', { headers })
}
