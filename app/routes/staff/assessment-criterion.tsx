// One criterion on the assessment form (issue 12): the provider's answer (in a revised round next
// to the previous answer and the feedback that asked for the change), the assessment frame, and
// the verdict controls: a radio group with a legend and a feedback field, named after the
// criterion so the whole form saves in one request.
import type { ReactNode } from 'react'
import { href } from 'react-router'
import type { CriterionComparison, EvidenceComparison, TextPart } from '#app/domain/round-comparison.ts'
import type { Criterion, EvidenceItem } from '#app/domain/norm-set.ts'
import type { EvidenceAnswer } from '#app/domain/self-evaluation.ts'
import type { CriterionVerdict } from '#app/domain/types.ts'
import { TextareaField } from '#app/components/forms.tsx'
import { formatNumber } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { feedbackField, verdictField } from './assessment-form.ts'
import { DateTime } from './ui.tsx'

export interface CriterionView {
	criterion: Criterion
	answers: Record<string, EvidenceAnswer | undefined>
	/** The saved verdict, if any. */
	saved: { verdict: CriterionVerdict; feedback: string; assessor: string; at: Date | string } | undefined
	/** What the form shows: the draft, the values just posted, or the saved verdict. */
	value: { verdict: CriterionVerdict | null; feedback: string }
	/** In a revised round (issue 12 §3): this criterion next to the previous round. */
	comparison: { round: number; criterion: CriterionComparison } | undefined
	ruleWarning: boolean
	/** Another alternative of the group is sufficient: this one needs no verdict. */
	notNeeded: boolean
	editable: boolean
	feedbackErrors: string[] | undefined
}

export function CriterionBlock({ view }: { view: CriterionView }) {
	const t = useT()
	const { criterion, saved, value, editable } = view
	const headingId = `criterium-${criterion.key}`
	const compared = view.comparison?.criterion
	const previous = compared?.previous
	const changed = compared?.changed ?? false
	const evidenceOf = new Map(compared?.evidence.map((entry) => [entry.key, entry]))
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
				{compared ? (
					<span className={`badge badge--${changed ? 'warning' : 'neutral'}`}>
						{t(changed ? 'staff.diffChanged' : 'staff.diffUnchanged')}
					</span>
				) : null}
			</h3>
			<div className="assessment">
				<div className="stack">
					<h4>{t('staff.providerAnswer')}</h4>
					{criterion.text.length > 120 ? <p className="pre-wrap">{criterion.text}</p> : null}
					{criterion.evidence.map((item) => {
						const entry = evidenceOf.get(item.key)
						return view.comparison && entry ? (
							<ComparedEvidence key={item.key} item={item} comparison={entry} previousRound={view.comparison.round} />
						) : (
							<EvidenceView key={item.key} item={item} answer={view.answers[item.key]} />
						)
					})}
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
							<h5>{t('workbench.compareFeedback', { round: view.comparison?.round ?? 1 })}</h5>
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

export function EvidenceView({ item, answer }: { item: EvidenceItem; answer: EvidenceAnswer | undefined }) {
	const t = useT()
	return (
		<div>
			<p>
				<strong>{item.label}</strong>
			</p>
			{!answer ? <p className="empty-state">{t('staff.noAnswer')}</p> : null}
			{answer?.text ? <p className="pre-wrap">{answer.text}</p> : null}
			{answer?.number !== undefined && answer.number !== null ? <p>{answer.number}</p> : null}
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
						<li key={element}>{element}</li>
					))}
				</ul>
			) : null}
			{answer?.declared ? <p>{t('staff.declared')}</p> : null}
			{answer?.documents.length ? (
				<ul>
					{answer.documents.map((document) => (
						<li key={document.id}>
							<DocumentLink document={document} />
						</li>
					))}
				</ul>
			) : null}
		</div>
	)
}

function DocumentLink({ document }: { document: { id: string; name: string } }) {
	return <a href={href('/medewerkers/documenten/:fileId', { fileId: document.id })}>{document.name}</a>
}

/**
 * A marked change: <ins> and <del> with words a screen reader says before the change, and a
 * line under or through the text (the colour is only an extra), so the change never rests on
 * colour alone.
 */
function Marked({ kind, children }: { kind: 'added' | 'removed'; children: ReactNode }) {
	const t = useT()
	return kind === 'added' ? (
		<ins className="diff-ins">
			<span className="visually-hidden">{t('workbench.compareAddedStart')} </span>
			{children}
			<span className="visually-hidden"> {t('workbench.compareAddedEnd')}</span>
		</ins>
	) : (
		<del className="diff-del">
			<span className="visually-hidden">{t('workbench.compareRemovedStart')} </span>
			{children}
			<span className="visually-hidden"> {t('workbench.compareRemovedEnd')}</span>
		</del>
	)
}

export function MarkedText({ parts }: { parts: TextPart[] }) {
	return parts.map((part, index) =>
		part.kind === 'same' ? (
			<span key={index}>{part.text}</span>
		) : (
			<Marked key={index} kind={part.kind}>
				{part.text}
			</Marked>
		),
	)
}

/** One evidence item of a revised round: the new answer with the changes marked, the old one to read whole. */
function ComparedEvidence({
	item,
	comparison,
	previousRound,
}: {
	item: EvidenceItem
	comparison: EvidenceComparison
	previousRound: number
}) {
	const t = useT()
	const locale = useLocale()
	const changed = comparison.fields.length > 0
	const number = (value: number) => formatNumber(value, locale, Number.isInteger(value) ? 0 : 2)
	const { checked, documents } = comparison
	const empty =
		comparison.text === null &&
		comparison.number === null &&
		comparison.url === null &&
		comparison.declared === null &&
		checked.kept.length + checked.added.length + checked.removed.length === 0 &&
		documents.kept.length + documents.added.length + documents.removed.length === 0
	return (
		<div className={changed ? 'diff-block' : undefined} data-testid={`compare-${item.key}`}>
			<p>
				<strong>{item.label}</strong>{' '}
				{changed ? (
					<span className="badge badge--warning">
						{t('staff.diffFields', { fields: comparison.fields.map((field) => t(`staff.field_${field}`)).join(', ') })}
					</span>
				) : (
					<span className="badge badge--neutral">{t('staff.diff_unchanged')}</span>
				)}
			</p>
			{empty ? <p className="empty-state">{t('staff.noAnswer')}</p> : null}
			{comparison.text ? (
				<p className="pre-wrap diff-text">
					<MarkedText parts={comparison.text} />
				</p>
			) : null}
			{comparison.number ? (
				<p>
					{t('workbench.compareNumber')}:{' '}
					{comparison.number.changed ? (
						<>
							{comparison.number.before !== null ? (
								<Marked kind="removed">{number(comparison.number.before)}</Marked>
							) : null}{' '}
							{comparison.number.after !== null ? (
								<Marked kind="added">{number(comparison.number.after)}</Marked>
							) : null}
						</>
					) : (
						<>
							{comparison.number.after !== null ? number(comparison.number.after) : '—'} ({t('staff.diff_unchanged')})
						</>
					)}
				</p>
			) : null}
			{comparison.url ? (
				<p>
					{comparison.url.changed && comparison.url.before ? (
						<>
							<Marked kind="removed">{comparison.url.before}</Marked>{' '}
						</>
					) : null}
					{comparison.url.after ? (
						comparison.url.changed ? (
							<Marked kind="added">
								<a href={comparison.url.after} rel="noreferrer noopener" target="_blank">
									{comparison.url.after}
								</a>
							</Marked>
						) : (
							<a href={comparison.url.after} rel="noreferrer noopener" target="_blank">
								{comparison.url.after}
							</a>
						)
					) : null}
				</p>
			) : null}
			{comparison.declared ? (
				<p>
					{comparison.declared.after ? (
						comparison.declared.changed ? (
							<Marked kind="added">{t('staff.declared')}</Marked>
						) : (
							t('staff.declared')
						)
					) : (
						<Marked kind="removed">{t('staff.declared')}</Marked>
					)}
				</p>
			) : null}
			{checked.kept.length + checked.added.length + checked.removed.length > 0 ? (
				<ul>
					{checked.kept.map((element) => (
						<li key={`kept-${element}`}>{element}</li>
					))}
					{checked.added.map((element) => (
						<li key={`added-${element}`}>
							<Marked kind="added">{element}</Marked>
						</li>
					))}
					{checked.removed.map((element) => (
						<li key={`removed-${element}`}>
							<Marked kind="removed">{element}</Marked>
						</li>
					))}
				</ul>
			) : null}
			{documents.kept.length + documents.added.length + documents.removed.length > 0 ? (
				<>
					<p className="field__hint">
						{t('workbench.compareDocuments', {
							added: documents.added.length,
							removed: documents.removed.length,
							kept: documents.kept.length,
						})}
					</p>
					<ul>
						{documents.kept.map((document) => (
							<li key={document.id}>
								<DocumentLink document={document} /> ({t('staff.diff_unchanged')})
							</li>
						))}
						{documents.added.map((document) => (
							<li key={document.id}>
								<Marked kind="added">
									<DocumentLink document={document} />
								</Marked>
							</li>
						))}
						{documents.removed.map((document) => (
							<li key={document.id}>
								<Marked kind="removed">
									<DocumentLink document={document} />
								</Marked>
							</li>
						))}
					</ul>
				</>
			) : null}
			{changed && comparison.previousText ? (
				<details className="diff-previous">
					<summary>{t('workbench.comparePreviousAnswer', { round: previousRound })}</summary>
					<p className="pre-wrap">{comparison.previousText || t('staff.noAnswer')}</p>
				</details>
			) : null}
		</div>
	)
}
