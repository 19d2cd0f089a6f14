// One criterion on the assessment form (issue 12): the provider's answer (in a revised round next
// to the previous answer and the feedback that asked for the change), the assessment frame, and
// the verdict controls: a radio group with a legend and a feedback field, named after the
// criterion so the whole form saves in one request.
import { href } from 'react-router'
import type { AnswerDiff } from '#app/domain/norm-set-diff.ts'
import type { Criterion, EvidenceItem } from '#app/domain/norm-set.ts'
import type { EvidenceAnswer } from '#app/domain/self-evaluation.ts'
import type { CriterionVerdict } from '#app/domain/types.ts'
import { TextareaField } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import { feedbackField, verdictField } from './assessment-form.ts'
import { DateTime } from './ui.tsx'

export interface CriterionView {
	criterion: Criterion
	answers: Record<string, EvidenceAnswer | undefined>
	/** The saved verdict, if any. */
	saved: { verdict: CriterionVerdict; feedback: string; assessor: string; at: Date | string } | undefined
	/** What the form shows: the draft, the values just posted, or the saved verdict. */
	value: { verdict: CriterionVerdict | null; feedback: string }
	previous: { verdict: CriterionVerdict; feedback: string } | undefined
	diff: Record<string, AnswerDiff | undefined> | undefined
	ruleWarning: boolean
	/** Another alternative of the group is sufficient: this one needs no verdict. */
	notNeeded: boolean
	editable: boolean
	feedbackErrors: string[] | undefined
}

export function CriterionBlock({ view }: { view: CriterionView }) {
	const t = useT()
	const { criterion, saved, value, previous, editable } = view
	const headingId = `criterium-${criterion.key}`
	const changed = criterion.evidence.some((item) => {
		const entry = view.diff?.[item.key]
		return entry && entry.status !== 'unchanged'
	})
	const verdictName = verdictField(criterion.key)
	return (
		<article className="panel criterion-assessment" aria-labelledby={`${headingId}-title`} id={headingId}>
			<h3 id={`${headingId}-title`}>
				{criterion.code} {criterion.text.length > 120 ? `${criterion.text.slice(0, 117)}…` : criterion.text}{' '}
				{saved ? (
					<span className={`badge badge--${saved.verdict === 'sufficient' ? 'success' : 'danger'}`}>
						{t(saved.verdict === 'sufficient' ? 'staff.verdictSufficient' : 'staff.verdictInsufficient')}
					</span>
				) : view.notNeeded ? (
					<span className="badge badge--neutral">{t('workbench.verdictNotNeeded')}</span>
				) : (
					<span className="badge badge--neutral">{t('staff.verdictMissing')}</span>
				)}
				{view.diff ? (
					<span className={`badge badge--${changed ? 'warning' : 'neutral'}`}>
						{t(changed ? 'staff.diffChanged' : 'staff.diffUnchanged')}
					</span>
				) : null}
			</h3>
			<div className="assessment">
				<div className="stack">
					<h4>{t('staff.providerAnswer')}</h4>
					{criterion.text.length > 120 ? <p className="pre-wrap">{criterion.text}</p> : null}
					{criterion.evidence.map((item) => (
						<EvidenceView key={item.key} item={item} answer={view.answers[item.key]} diff={view.diff?.[item.key]} />
					))}
				</div>
				<div className="stack">
					<h4>{t('staff.assessmentFrame')}</h4>
					<dl>
						<dt>{t('staff.frameMet')}</dt>
						<dd className="pre-wrap">{criterion.assessmentFrame.met}</dd>
						<dt>{t('staff.frameNotMet')}</dt>
						<dd className="pre-wrap">{criterion.assessmentFrame.notMet}</dd>
					</dl>
					{criterion.guidance ? <p className="field__hint">{criterion.guidance}</p> : null}
					{view.ruleWarning ? <p className="panel panel--warning">{t('staff.ruleWarning')}</p> : null}
					{previous ? (
						<div className="panel panel--muted">
							<h5>{t('staff.previousFeedback')}</h5>
							<p>
								{t(previous.verdict === 'sufficient' ? 'staff.verdictSufficient' : 'staff.verdictInsufficient')}
								{previous.feedback ? `: ${previous.feedback}` : ''}
							</p>
						</div>
					) : null}
					{editable ? (
						<>
							<fieldset
								className="field verdict-choice"
								aria-describedby={view.notNeeded ? `${headingId}-not-needed` : undefined}
							>
								<legend className="field__label">{t('staff.verdict', { code: criterion.code })}</legend>
								{view.notNeeded ? (
									<p id={`${headingId}-not-needed`} className="field__hint">
										{t('workbench.verdictNotNeededHint')}
									</p>
								) : null}
								<label className="verdict-choice__option">
									<input
										type="radio"
										name={verdictName}
										value="sufficient"
										defaultChecked={value.verdict === 'sufficient'}
									/>
									{t('staff.verdictSufficient')}
								</label>
								<label className="verdict-choice__option">
									<input
										type="radio"
										name={verdictName}
										value="insufficient"
										defaultChecked={value.verdict === 'insufficient'}
									/>
									{t('staff.verdictInsufficient')}
								</label>
							</fieldset>
							<TextareaField
								name={feedbackField(criterion.key)}
								label={t('staff.feedback', { code: criterion.code })}
								hint={t('staff.feedbackHint')}
								rows={3}
								defaultValue={value.feedback}
								errors={view.feedbackErrors}
							/>
						</>
					) : saved?.feedback ? (
						<p>
							<strong>{t('staff.feedbackLabel')}:</strong> {saved.feedback}
						</p>
					) : null}
					{saved ? (
						<p className="field__hint">
							{saved.assessor} · <DateTime value={saved.at} />
						</p>
					) : null}
				</div>
			</div>
		</article>
	)
}

export function EvidenceView({
	item,
	answer,
	diff,
}: {
	item: EvidenceItem
	answer: EvidenceAnswer | undefined
	diff?: AnswerDiff | undefined
}) {
	const t = useT()
	const removedDocs = new Set(diff?.documents.removed.map((document) => document.id))
	return (
		<div className={diff && diff.status !== 'unchanged' ? 'diff-block' : undefined}>
			<p>
				<strong>{item.label}</strong>
				{diff && diff.status !== 'unchanged' ? (
					<span className="badge badge--warning">
						{t('staff.diffFields', {
							fields:
								diff.fields.map((field) => t(`staff.field_${field}`)).join(', ') || t(`staff.diff_${diff.status}`),
						})}
					</span>
				) : null}
			</p>
			{!answer ? <p className="empty-state">{t('staff.noAnswer')}</p> : null}
			{answer?.text ? (
				<p className={`pre-wrap${diff?.fields.includes('text') ? ' diff-added' : ''}`}>{answer.text}</p>
			) : null}
			{answer?.number !== undefined && answer.number !== null ? (
				<p className={diff?.fields.includes('number') ? 'diff-added' : undefined}>{answer.number}</p>
			) : null}
			{answer?.url ? (
				<p>
					<a href={answer.url} rel="noreferrer noopener" target="_blank">
						{answer.url}
					</a>
				</p>
			) : null}
			{answer?.checkedElements?.length ? (
				<ul>
					{answer.checkedElements.map((element) => (
						<li key={element} className={diff?.checked.added.includes(element) ? 'diff-added' : undefined}>
							{element}
						</li>
					))}
					{diff?.checked.removed.map((element) => (
						<li key={`removed-${element}`} className="diff-removed">
							{element}
						</li>
					))}
				</ul>
			) : null}
			{answer?.declared ? <p>{t('staff.declared')}</p> : null}
			{answer?.documents.length || removedDocs.size ? (
				<ul>
					{answer?.documents.map((document) => (
						<li
							key={document.id}
							className={diff?.documents.added.some((added) => added.id === document.id) ? 'diff-added' : undefined}
						>
							<a href={href('/medewerkers/documenten/:fileId', { fileId: document.id })}>{document.name}</a>
						</li>
					))}
					{diff?.documents.removed.map((document) => (
						<li key={`removed-${document.id}`} className="diff-removed">
							{document.name}
						</li>
					))}
				</ul>
			) : null}
		</div>
	)
}
