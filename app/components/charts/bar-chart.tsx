// A small horizontal bar chart as SVG. The picture is decorative for screen readers
// (aria-hidden): the same numbers follow as a table, which is the text alternative.

export interface Bar {
	label: string
	value: number
	href?: string
}

export function BarChart({ title, bars, valueLabel }: { title: string; bars: Bar[]; valueLabel: string }) {
	const max = Math.max(1, ...bars.map((bar) => bar.value))
	const rowHeight = 26
	const labelWidth = 210
	const width = 560
	const barSpace = width - labelWidth - 50
	return (
		<figure className="stack">
			<figcaption>
				<strong>{title}</strong>
			</figcaption>
			<svg className="bar-chart" viewBox={`0 0 ${width} ${bars.length * rowHeight + 4}`} width="100%" role="presentation" aria-hidden="true" focusable="false">
				{bars.map((bar, index) => {
					const y = index * rowHeight + 2
					const length = Math.round((bar.value / max) * barSpace)
					return (
						<g key={bar.label}>
							<text x={labelWidth - 8} y={y + 16} textAnchor="end">
								{bar.label}
							</text>
							<rect x={labelWidth} y={y + 4} width={Math.max(length, bar.value > 0 ? 2 : 0)} height={rowHeight - 10} rx="3" fill="var(--color-primary)" />
							<text x={labelWidth + length + 6} y={y + 16}>
								{bar.value}
							</text>
						</g>
					)
				})}
			</svg>
			<details>
				<summary>{title}: {valueLabel}</summary>
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
