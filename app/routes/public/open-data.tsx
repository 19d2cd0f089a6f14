import { href, Link } from 'react-router'
import type { Route } from './+types/open-data'
import { PublicErrorBoundary } from './register-ui.tsx'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { useT } from '#app/i18n/react.tsx'
import { absoluteUrl } from '#app/services/auth.server.ts'
import { defaultRegisterYear, registerYears } from '#app/services/register.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { benchmarkYears } from '#app/services/benchmark.server.ts'
import { BenchmarkOpenData } from './open-data-benchmark-section.tsx'

// The explanation of the open data for insurers and other re-users (schema version 1; the same
// text for developers is docs/open-data.md).
export async function loader() {
	const [years, benchmark] = await Promise.all([registerYears(), benchmarkYears({ published: true })])
	return { years, year: defaultRegisterYear(years), base: absoluteUrl('/open-data/v1/'), benchmarkYears: benchmark }
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, ['meta.openData', 'meta.register'], 'meta.openDataDescription')

const TOP_FIELDS = ['schemaVersion', 'year', 'statusOn', 'count'] as const
const CARRIER_FIELDS = [
	'name',
	'slug',
	'url',
	'type',
	'city',
	'postcode',
	'province',
	'website',
	'status',
	'listedFrom',
	'withdrawnOn',
	'qualifiedOn',
	'certificateNumber',
	'certificateValidUntil',
] as const

export default function OpenData({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const { years, year, base } = loaderData
	const fieldRows = (fields: readonly string[], prefix = '') =>
		fields.map((field) => (
			<tr key={field}>
				<th scope="row">
					{/* A phone breaks the long names after the prefix ("carriers[]."), not inside a word. */}
					<code>
						{prefix}
						{prefix ? <wbr /> : null}
						{field}
					</code>
				</th>
				<td>{t(`register.field_${field}` as MessageKey)}</td>
			</tr>
		))
	return (
		<div className="stack">
			<h1>{t('register.openDataTitle')}</h1>
			<p className="lead">{t('register.openDataLead')}</p>
			<section aria-labelledby="open-data-files" className="stack">
				<h2 id="open-data-files">{t('register.openDataFiles')}</h2>
				<ul>
					{(years.length ? years : [year]).map((option) => (
						<li key={option}>
							<a href={`${href('/open-data/v1/register.json')}?jaar=${option}`}>
								{t('register.openDataJson', { year: option })}
							</a>
							{' · '}
							<a href={`${href('/open-data/v1/register.csv')}?jaar=${option}`}>
								{t('register.openDataCsv', { year: option })}
							</a>
						</li>
					))}
				</ul>
				<p>{t('register.openDataYearParam', { example: `${base}register.json?jaar=${year}` })}</p>
			</section>
			<section aria-labelledby="schema-v1" className="stack">
				<h2 id="schema-v1">{t('register.openDataSchemaTitle')}</h2>
				<div className="table-wrapper">
					<table className="table schema-table">
						<thead>
							<tr>
								<th scope="col">{t('register.openDataField')}</th>
								<th scope="col">{t('register.openDataMeaning')}</th>
							</tr>
						</thead>
						<tbody>
							{fieldRows(TOP_FIELDS)}
							{fieldRows(CARRIER_FIELDS, 'carriers[].')}
						</tbody>
					</table>
				</div>
			</section>
			<section aria-labelledby="open-data-usage" className="stack">
				<h2 id="open-data-usage">{t('register.openDataUsageTitle')}</h2>
				<ul>
					<li>{t('register.openDataUsage1')}</li>
					<li>{t('register.openDataUsage2')}</li>
					<li>{t('register.openDataUsage3')}</li>
					<li>{t('register.openDataUsage4')}</li>
					<li>{t('register.openDataUsage5')}</li>
					<li>
						{t('register.openDataCertificateNote', { url: '' })}
						<Link to="/verifieer">/verifieer</Link>
					</li>
				</ul>
			</section>
			<BenchmarkOpenData years={loaderData.benchmarkYears} base={base} />
		</div>
	)
}

export const ErrorBoundary = PublicErrorBoundary
