// The spiegelrapportage on the open-data page (issue 14): only aggregates of groups of at least the
// minimum size; the same text for developers is docs/open-data.md.
import { useT } from '#app/i18n/react.tsx'

const FIELDS = ['indicator', 'group', 'groupValue', 'n', 'quantiles', 'mean'] as const

export function BenchmarkOpenData({ years, base }: { years: number[]; base: string }) {
	const t = useT()
	return (
		<section id="spiegelrapportage" aria-labelledby="open-data-benchmark" className="stack">
			<h2 id="open-data-benchmark">{t('benchmark.openDataTitle')}</h2>
			<p>{t('benchmark.openDataLead')}</p>
			{years.length === 0 ? (
				<p className="empty-state">{t('benchmark.openDataNone')}</p>
			) : (
				<ul>
					{years.map((year) => (
						<li key={year}>
							<a href={`/open-data/v1/spiegelrapportage.json?jaar=${year}`}>{t('benchmark.openDataJson', { year })}</a>
							{' · '}
							<a href={`/open-data/v1/spiegelrapportage.csv?jaar=${year}`}>{t('benchmark.openDataCsv', { year })}</a>
						</li>
					))}
				</ul>
			)}
			<table className="table table--compact">
				<caption className="visually-hidden">{t('benchmark.openDataFieldsCaption')}</caption>
				<thead>
					<tr>
						<th scope="col">{t('register.openDataField')}</th>
						<th scope="col">{t('register.openDataMeaning')}</th>
					</tr>
				</thead>
				<tbody>
					{FIELDS.map((field) => (
						<tr key={field}>
							<th scope="row">
								<code>{field === 'quantiles' ? 'p10 · p25 · median · p75 · p90' : field}</code>
							</th>
							<td>{t(`benchmark.openDataField_${field}`)}</td>
						</tr>
					))}
				</tbody>
			</table>
			<p>{t('benchmark.openDataPrivacy')}</p>
			<p className="field__hint">
				{t('benchmark.openDataExample', { example: `${base}spiegelrapportage.json?jaar=2026` })}
			</p>
		</section>
	)
}
