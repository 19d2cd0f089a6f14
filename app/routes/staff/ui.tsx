// Small pieces shared by the staff screens.
import { isRouteErrorResponse, useRouteError, useRouteLoaderData } from 'react-router'
import { ErrorPage } from '#app/components/error-page.tsx'
import { formatDate, formatDateTime } from '#app/i18n/format.ts'
import { useLocale } from '#app/i18n/react.tsx'

export function StaffErrorBoundary() {
	const error = useRouteError()
	return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />
}

/** The signed-in staff member's role, from the staff layout. */
export function useStaffRole(): 'admin' | 'assessor' {
	const data = useRouteLoaderData('routes/staff/layout') as { role: 'admin' | 'assessor' } | undefined
	return data?.role ?? 'assessor'
}

export function DateTime({ value, dateOnly = false }: { value: Date | string | null | undefined; dateOnly?: boolean }) {
	const locale = useLocale()
	if (!value) return <span aria-label="—">–</span>
	const date = typeof value === 'string' ? new Date(value) : value
	return (
		<time dateTime={date.toISOString()} className="nowrap">
			{dateOnly ? formatDate(date, locale) : formatDateTime(date, locale)}
		</time>
	)
}
