import { Form, href, Link } from 'react-router'
import type { Route } from './+types/years'
import { DateTime, StaffErrorBoundary, useStaffRole } from './ui.tsx'
import { SubmitButton } from '#app/components/forms.tsx'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { now } from '#app/lib/clock.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { createNextYear, listYears } from '#app/services/years-admin.server.ts'
import { runningYearAt } from '#app/services/years.server.ts'
import { formatFeeRate } from '#app/i18n/format.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request }: Route.LoaderArgs) {
	await requireStaff(request)
	const years = await listYears()
	// The year "create" makes: after the latest, or the one after the running year when there is none.
	return { years, nextYear: (years[0]?.year ?? runningYearAt(now())) + 1 }
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const year = await createNextYear({ type: 'staff', userId: user.id })
	return redirectWithToast(href('/medewerkers/jaren/:year', { year: String(year) }), {
		type: 'success',
		key: 'staff.toastYearCreated',
		params: { year },
	})
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.years', 'meta.staff'])

export default function Years({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const role = useStaffRole()
	const next = loaderData.nextYear
	return (
		<div className="stack">
			<h1>{t('staff.yearsTitle')}</h1>
			{role === 'admin' ? (
				<Form method="post">
					<SubmitButton>{t('staff.createYear', { year: next })}</SubmitButton>
				</Form>
			) : null}
			<div className="table-wrapper" role="region" aria-labelledby="years-caption" tabIndex={0}>
				<table className="table">
					<caption id="years-caption" className="visually-hidden">
						{t('staff.yearsTitle')}
					</caption>
					<thead>
						<tr>
							<th scope="col">{t('staff.year')}</th>
							<th scope="col">{t('staff.markName')}</th>
							<th scope="col">{t('staff.qualificationDeadline')}</th>
							<th scope="col">{t('staff.feeRate')}</th>
							<th scope="col">{t('staff.normSet')}</th>
							<th scope="col" className="numeric">
								{t('staff.participationsTitle')}
							</th>
						</tr>
					</thead>
					<tbody>
						{loaderData.years.map((year) => (
							<tr key={year.year}>
								<td>
									<Link to={href('/medewerkers/jaren/:year', { year: String(year.year) })}>{year.year}</Link>
								</td>
								<td>{year.markName}</td>
								<td>
									<DateTime value={`${year.qualificationDeadline}T12:00:00Z`} dateOnly />
								</td>
								<td>
									{formatFeeRate(year.feeRateBp, locale)}{' '}
									{year.feeRatePublishedAt ? (
										<span className="badge badge--success">{t('staff.published')}</span>
									) : (
										<span className="badge badge--neutral">{t('staff.notPublished')}</span>
									)}
								</td>
								<td>
									<Link to={href('/medewerkers/normen/:year', { year: String(year.year) })}>
										{year.normSet
											? t(year.normSet === 'published' ? 'staff.published' : 'staff.draft')
											: t('staff.none')}
									</Link>
								</td>
								<td className="numeric">{year.participations}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</div>
	)
}

export const ErrorBoundary = StaffErrorBoundary
