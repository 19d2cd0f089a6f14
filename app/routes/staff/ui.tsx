// Small pieces shared by the staff screens.
import { Form, useRouteLoaderData } from 'react-router'
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { SelectField } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'

export const StaffErrorBoundary = RouteErrorBoundary

/** The signed-in staff member's role, from the staff layout. */
export function useStaffRole(): 'admin' | 'assessor' {
	const data = useRouteLoaderData('routes/staff/layout') as { role: 'admin' | 'assessor' } | undefined
	return data?.role ?? 'assessor'
}

export { DateTime } from '#app/components/date-time.tsx'

/**
 * The year switch above a staff page: a GET form, so the chosen year is in the URL (`jaar`).
 * `allYears` adds "Alle jaren" (`jaar=alle`, shown when `year` is null).
 */
export function YearPicker({
	years,
	year,
	allYears = false,
}: {
	years: number[]
	year: number | null
	allYears?: boolean
}) {
	const t = useT()
	const options = years.map((candidate) => ({ value: String(candidate), label: String(candidate) }))
	if (allYears) options.push({ value: 'alle', label: t('staff.allYears') })
	return (
		<Form method="get" className="form form--inline">
			<SelectField
				id="jaar"
				name="jaar"
				label={t('staff.year')}
				defaultValue={year === null ? 'alle' : String(year)}
				options={options}
			/>
			<button type="submit" className="button button--small">
				{t('staff.show')}
			</button>
		</Form>
	)
}
