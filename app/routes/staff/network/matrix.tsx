// /medewerkers/kennisnetwerk — the theme matrix (issue 18): per theme of the year's list, how many
// carriers want to learn it (asked) and can teach it (offered), per province, to plan meetings;
// all carriers of the year or only those in the kennisnetwerk. Exported as CSV.
import { Form, href, Link } from 'react-router'
import type { Route } from './+types/matrix'
import { CheckboxField, SelectField } from '#app/components/forms.tsx'
import { ConsultationErrorBoundary } from '#app/routes/consultation/ui.tsx'
import { useT } from '#app/i18n/react.tsx'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { networkActivity, staffThemeMatrix, themeYears } from '#app/services/network.server.ts'
import { matrixQuery } from './query.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request }: Route.LoaderArgs) {
	await requireStaff(request)
	const years = await themeYears()
	const query = matrixQuery(
		new URL(request.url).searchParams,
		years.map((entry) => entry.year),
	)
	const [matrix, activity] = await Promise.all([staffThemeMatrix(query.year, query), networkActivity()])
	return { years, ...query, ...matrix, activity }
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.network', 'meta.staff'])

export default function ThemeMatrixPage({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const { years, year, onlyOptedIn, list, matrix, carriers, withThemes, optedIn, activity } = loaderData
	const columns = matrix.provinces
	return (
		<div className="stack">
			<h1>{t('network.staffTitle')}</h1>
			<p className="lead">{t('network.staffIntro')}</p>
			<ul className="inline-list">
				<li>{t('network.staffCarriers', { count: carriers })}</li>
				<li>{t('network.staffWithThemes', { count: withThemes })}</li>
				<li>{t('network.staffOptedIn', { count: optedIn })}</li>
				<li>{t('network.staffRequests', { pending: activity.pending, accepted: activity.accepted })}</li>
			</ul>
			<Form method="get" className="form form--inline">
				<SelectField
					name="jaar"
					label={t('network.year')}
					defaultValue={String(year)}
					options={years.map((entry) => ({ value: String(entry.year), label: String(entry.year) }))}
				/>
				<CheckboxField name="netwerk" label={t('network.onlyOptedIn')} defaultChecked={onlyOptedIn} />
				<button type="submit" className="button button--small">
					{t('network.show')}
				</button>
			</Form>
			<p className="button-row">
				<a
					className="button"
					href={`${href('/medewerkers/kennisnetwerk/matrix.csv')}?jaar=${year}${onlyOptedIn ? '&netwerk=on' : ''}`}
				>
					{t('network.exportCsv')}
				</a>
				<Link to={href('/medewerkers/kennisnetwerk/themas/:year', { year: String(year) })}>
					{t('network.editThemes', { year })}
				</Link>
			</p>
			{list.length === 0 ? (
				<p className="empty-state">{t('network.noList', { year })}</p>
			) : (
				<div className="table-wrapper">
					<table className="table table--compact theme-matrix">
						<caption>{t('network.matrixCaption', { year })}</caption>
						<thead>
							<tr>
								<th scope="col">{t('network.theme')}</th>
								<th scope="col">{t('network.total')}</th>
								{columns.map((province) => (
									<th key={province} scope="col">
										{province === 'unknown' ? t('network.unknownProvince') : province}
									</th>
								))}
							</tr>
						</thead>
						<tbody>
							{matrix.themes.map((theme) => (
								<tr key={theme}>
									<th scope="row">{theme}</th>
									<td>
										{t('network.cell', {
											asked: matrix.totals[theme]?.asked ?? 0,
											offered: matrix.totals[theme]?.offered ?? 0,
										})}
									</td>
									{columns.map((province) => {
										const cell = matrix.cells[theme]?.[province]
										return (
											<td key={province}>{cell && cell.asked + cell.offered > 0 ? t('network.cell', cell) : '·'}</td>
										)
									})}
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			<p className="field__hint">{t('network.cellLegend')}</p>
		</div>
	)
}

export const ErrorBoundary = ConsultationErrorBoundary
