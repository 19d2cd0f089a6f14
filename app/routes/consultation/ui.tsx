// Small pieces shared by the consultation screens (readers and staff).
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { useErrorText } from '#app/components/forms.tsx'
import { type QualitySummary, QUALITIES, type Quality, RATING_MAX, RATING_MIN } from '#app/domain/consultation.ts'
import type { NormSetDiff } from '#app/domain/norm-set-diff.ts'
import type { Norm } from '#app/domain/norm-set.ts'
import { formatDate } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import './consultation.css'

export const ConsultationErrorBoundary = RouteErrorBoundary

export type Change = 'new' | 'changed' | 'moved' | 'unchanged'

/** How a norm of the concept differs from the current year (the norm-set diff). */
export function normChange(diff: NormSetDiff | null, norm: Norm): Change {
	if (!diff) return 'new'
	if (diff.norms.added.some((ref) => ref.key === norm.key)) return 'new'
	const keys = new Set(norm.criteria.map((criterion) => criterion.key))
	const criteriaTouched =
		diff.criteria.added.some((ref) => keys.has(ref.key)) ||
		diff.criteria.changed.some((change) => keys.has(change.key)) ||
		diff.criteria.removed.some((ref) => ref.normKey === norm.key)
	if (diff.norms.changed.some((change) => change.next.key === norm.key) || criteriaTouched) return 'changed'
	return 'unchanged'
}

export function criterionChange(diff: NormSetDiff | null, key: string): Change {
	if (!diff) return 'new'
	if (diff.criteria.added.some((ref) => ref.key === key)) return 'new'
	if (diff.criteria.changed.some((change) => change.key === key)) return 'changed'
	if (diff.criteria.moved.some((change) => change.key === key)) return 'moved'
	return 'unchanged'
}

export function ChangeBadge({ change, year }: { change: Change; year: number | null }) {
	const t = useT()
	const tone = change === 'new' ? 'info' : change === 'changed' ? 'warning' : 'neutral'
	return <span className={`badge badge--${tone}`}>{t(`consultation.change_${change}`, { year: year ?? '' })}</span>
}

export function WindowText({ opensOn, closesOn }: { opensOn: string; closesOn: string }) {
	const t = useT()
	const locale = useLocale()
	return (
		<>{t('consultation.window', { opensOn: formatDate(opensOn, locale), closesOn: formatDate(closesOn, locale) })}</>
	)
}

export function PhaseBadge({ phase }: { phase: 'scheduled' | 'open' | 'closed' | 'adopted' }) {
	const t = useT()
	const tone = phase === 'open' ? 'success' : phase === 'adopted' ? 'info' : 'neutral'
	return <span className={`badge badge--${tone}`}>{t(`consultation.phase_${phase}`)}</span>
}

/** The four qualities as five-point radio groups (optional: "geen oordeel" is the empty choice). */
export function RatingFields({
	prefix,
	values,
	disabled,
	errors,
}: {
	prefix: string
	values: Partial<Record<Quality, number | null>>
	disabled?: boolean
	errors?: Record<string, string[]>
}) {
	const t = useT()
	const errorText = useErrorText()
	return (
		<div className="rating-fields">
			{QUALITIES.map((quality) => {
				const name = `${prefix}.${quality}`
				const current = values[quality] ?? null
				const fieldErrors = errors?.[name]
				return (
					<fieldset key={quality} className="rating" aria-describedby={`${name}-hint`}>
						<legend className="field__label">{t(`consultation.quality_${quality}`)}</legend>
						<p id={`${name}-hint`} className="field__hint">
							{t(`consultation.qualityHelp_${quality}`)}
						</p>
						{fieldErrors?.length ? (
							<p className="field__error">{fieldErrors.map((error) => errorText(error)).join(' ')}</p>
						) : null}
						<div className="rating__options">
							{[null, ...Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, index) => RATING_MIN + index)].map(
								(value) => {
									const id = `field-${name}-${value ?? 'none'}`
									return (
										<span key={value ?? 'none'} className="rating__option">
											<input
												type="radio"
												id={id}
												name={name}
												value={value === null ? '' : String(value)}
												defaultChecked={current === value}
												disabled={disabled}
											/>
											<label htmlFor={id}>
												{value === null
													? t('consultation.ratingNone')
													: t(`consultation.rating_${value}` as 'consultation.rating_1')}
											</label>
										</span>
									)
								},
							)}
						</div>
					</fieldset>
				)
			})}
		</div>
	)
}

/** A small bar chart of the four ratings of a norm: the distribution 1–5 per quality, as an SVG with a text equivalent. */
export function RatingChart({ ratings, title }: { ratings: Record<Quality, QualitySummary>; title: string }) {
	const t = useT()
	const rated = QUALITIES.filter((quality) => ratings[quality].count > 0)
	if (rated.length === 0) return <p className="field__hint">{t('consultation.noRatings')}</p>
	const rowHeight = 22
	const width = 320
	const labelWidth = 130
	const barWidth = width - labelWidth - 40
	const shades = ['#b42318', '#dc6803', '#98a2b3', '#3b82a0', '#0b5f6b']
	return (
		<figure className="rating-chart">
			<svg
				role="img"
				aria-label={title}
				viewBox={`0 0 ${width} ${rowHeight * QUALITIES.length}`}
				width={width}
				height={rowHeight * QUALITIES.length}
			>
				{QUALITIES.map((quality, row) => {
					const summary = ratings[quality]
					let x = labelWidth
					return (
						<g key={quality} transform={`translate(0 ${row * rowHeight})`}>
							<text x={0} y={15} fontSize={11} fill="#1f2933">
								{t(`consultation.quality_${quality}`)}
							</text>
							{summary.distribution.map((count, index) => {
								const w = summary.count ? (count / summary.count) * barWidth : 0
								const rect = <rect key={index} x={x} y={4} width={w} height={14} fill={shades[index]} />
								x += w
								return rect
							})}
							<text x={labelWidth + barWidth + 6} y={15} fontSize={11} fill="#1f2933">
								{summary.mean === null ? '–' : String(summary.mean).replace('.', ',')}
							</text>
						</g>
					)
				})}
			</svg>
			<figcaption>
				<ul className="rating-chart__legend">
					{rated.map((quality) => (
						<li key={quality}>
							{t('consultation.ratingSummary', {
								quality: t(`consultation.quality_${quality}`),
								mean: String(ratings[quality].mean).replace('.', ','),
								count: ratings[quality].count,
								low: ratings[quality].distribution[0] + ratings[quality].distribution[1],
							})}
						</li>
					))}
				</ul>
			</figcaption>
		</figure>
	)
}
