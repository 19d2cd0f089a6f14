// Small parts shared by the self-evaluation screens.
import { Form, Link } from 'react-router'
import { formatBytes, formatDateTime } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import stylesheet from './self-evaluation.css?url'
import { UploadForm } from './upload-form.tsx'

export const selfEvaluationLinks = () => [{ rel: 'stylesheet', href: stylesheet }]

export function ProgressBar({ answered, required }: { answered: number; required: number }) {
	const t = useT()
	return (
		<div className="progress">
			<progress
				className="progress__bar"
				max={Math.max(required, 1)}
				value={answered}
				aria-label={t('selfEvaluation.progressLabel')}
			/>
			<span>{t('selfEvaluation.progress', { answered, required })}</span>
		</div>
	)
}

interface NormProgressView {
	code: string
	title: string
	applicable: boolean
	required: number
	answered: number
	complete: boolean
}

export function normStatus(t: ReturnType<typeof useT>, norm: NormProgressView): string {
	if (!norm.applicable) return t('selfEvaluation.normNotApplicable')
	if (norm.complete) return t('selfEvaluation.normComplete')
	return t('selfEvaluation.normIncomplete', { answered: norm.answered, required: norm.required })
}

export function NormNav({
	base,
	norms,
	current,
	checkLink = true,
}: {
	base: string
	norms: NormProgressView[]
	current?: string
	checkLink?: boolean
}) {
	const t = useT()
	return (
		<nav aria-label={t('selfEvaluation.normsTitle')} className="norm-nav">
			<ol>
				{norms.map((norm) => (
					<li
						key={norm.code}
						className={norm.complete && norm.applicable ? 'norm-nav__item norm-nav__item--complete' : 'norm-nav__item'}
					>
						<Link to={`${base}/norm/${norm.code}`} aria-current={norm.code === current ? 'page' : undefined}>
							{t('selfEvaluation.normLink', { code: norm.code, title: norm.title })}
						</Link>
						<span className="norm-nav__status">{normStatus(t, norm)}</span>
					</li>
				))}
			</ol>
			{checkLink ? (
				<p>
					<Link to={`${base}/controle`}>{t('selfEvaluation.goCheck')}</Link>
				</p>
			) : null}
		</nav>
	)
}

export interface DocumentView {
	id: string
	name: string
	sizeBytes: number
	addedAt: Date | string
}

export function DocumentList({
	base,
	documents,
	editable,
	action,
	endpoint,
	evidenceKey,
}: {
	base: string
	documents: DocumentView[]
	editable: boolean
	/** Where a replacement goes: the norm page (plain post) and the upload route (with JavaScript). */
	action?: string
	endpoint?: string
	evidenceKey?: string
}) {
	const t = useT()
	const locale = useLocale()
	if (documents.length === 0) return <p className="field__hint">{t('selfEvaluation.noDocuments')}</p>
	return (
		<ul className="documents">
			{documents.map((document) => (
				<li key={document.id} className="documents__item">
					<div className="documents__name">
						<a href={`${base}/documenten/${document.id}`} download>
							{document.name}
						</a>{' '}
						<span className="field__hint">
							{t('selfEvaluation.documentMeta', {
								size: formatBytes(document.sizeBytes, locale),
								date: formatDateTime(document.addedAt, locale),
							})}
						</span>
					</div>
					{editable ? (
						<div className="documents__actions">
							{action && endpoint ? (
								<UploadForm
									action={action}
									endpoint={endpoint}
									evidenceKey={evidenceKey ?? ''}
									inputId={`replace-${document.id}`}
									label={t('selfEvaluation.replaceFileLabel', { name: document.name })}
									button={t('selfEvaluation.replaceButton')}
									replaces={document.id}
									small
								/>
							) : null}
							<Form method="post" className="form form--inline">
								<input type="hidden" name="intent" value="remove" />
								<input type="hidden" name="fileId" value={document.id} />
								<button
									type="submit"
									className="button button--small button--danger"
									aria-label={t('selfEvaluation.removeLabel', { name: document.name })}
								>
									{t('selfEvaluation.removeButton')}
								</button>
							</Form>
						</div>
					) : null}
				</li>
			))}
		</ul>
	)
}

export function DueDate({ deadline, days, closed }: { deadline: string; days: number; closed?: boolean }) {
	const t = useT()
	const locale = useLocale()
	// `closed` comes from the state machine (the one rule); the day count is only a fallback.
	const passed = closed ?? days < 0
	const left = passed ? t('selfEvaluation.deadlinePassed') : t('selfEvaluation.daysLeft', { days: Math.max(days, 0) })
	return (
		<p className="deadline">
			<strong>{t('selfEvaluation.deadline', { date: formatDateTime(deadline, locale) })}</strong> ({left})
		</p>
	)
}

export function outcomeKey(outcome: string | null) {
	if (outcome === 'qualified') return 'selfEvaluation.roundOutcomeQualified' as const
	if (outcome === 'revision_requested') return 'selfEvaluation.roundOutcomeRevision' as const
	if (outcome === 'not_qualified') return 'selfEvaluation.roundOutcomeNotQualified' as const
	return 'selfEvaluation.roundOutcomePending' as const
}
