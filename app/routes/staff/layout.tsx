import { Outlet } from 'react-router'
import type { Route } from './+types/layout'
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { requireStaff } from '#app/lib/permissions.server.ts'
import './staff.css'

// Everything under /medewerkers: staff only (every child loader and action checks again, because
// loaders run in parallel and an action never passes through this loader).
export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	return { role: user.staffRole }
}

export default function StaffLayout() {
	return <Outlet />
}

export const ErrorBoundary = RouteErrorBoundary
