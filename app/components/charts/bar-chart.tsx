// A small horizontal bar chart. The bars are HTML (a grid of label, bar and value) rather than
// a scaled SVG, so labels keep the page's font size, wrap instead of being clipped, and the chart
// fits a phone. The picture is decorative for screen readers (aria-hidden): the same numbers
// follow as a table, which is the text alternative.
import './bar-chart.css'

export interface Bar {
	label: string
	value: number
	href?: string
}

export function BarChart({ title, bars, valueLabel }: { title: string; bars: Bar[]; valueLabel: string }) {
	const max = Math.max(1, ...bars.map((bar) => bar.value))
	return (
		<figure className="stack bar-chart">
			<figcaption>
				<strong>{title}</strong>
			</figcaption>
			<div className="bar-chart__rows" aria-hidden="true">
				{bars.map((bar) => (
					<div key={bar.label} className="bar-chart__row">
						<span className="bar-chart__label">{bar.label}</span>
						<span className="bar-chart__track">
							{bar.value > 0 ? (
								<span className="bar-chart__bar" style={{ width: `${(bar.value / max) * 100}%` }} />
							) : null}
							<span className="bar-chart__value">{bar.value}</span>
						</span>
					</div>
				))}
			</div>
			<details>
				<summary>
					{title}: {valueLabel}
				</summary>
				<table className="table table--compact">
					<tbody>
						{bars.map((bar) => (
							<tr key={bar.label}>
								<th scope="row">{bar.href ? <a href={bar.href}>{bar.label}</a> : bar.label}</th>
								<td className="numeric">{bar.value}</td>
							</tr>
						))}
					</tbody>
				</table>
			</details>
		</figure>
	)
}
