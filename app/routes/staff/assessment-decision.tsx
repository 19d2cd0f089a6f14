// The decision step of an assessment, kept apart from the verdict form: it reads the saved
// verdicts only, links to the decision's confirmation page (decision.tsx, issue 12 §5), posts
// its own form for the four-eyes confirm / reject, and never saves verdicts.
import { Form, Link } from 'react-router'
import { SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import { DateTime } from './ui.tsx'

export interface DecisionPanelProps {
	userId: string
	fourEyes: boolean
	editable: boolean
	/** A draft with changes that are not saved yet: the decision would not see them. */
	unsavedDraft: boolean
	round: {
		outcome: string | null
		decidedAt: Date | string | null
		proposedBy: { id: string; name: string } | null
		confirmedBy: { id: string; name: string } | null
	}
	outcome: { allAssessed: boolean; outcome: string | null; missing: string[]; insufficient: string[] }
	/** The confirmation page of the decision (decision.tsx). */
	decisionHref: string
}

export function useOutcomeLabel() {
	const t = useT()
	return (value: string) =>
		t(
			value === 'qualified'
				? 'staff.outcomeQualified'
				: value === 'revision_requested'
					? 'staff.outcomeRevision'
					: 'staff.outcomeNotQualified',
		)
}

export function DecisionPanel({
	userId,
	fourEyes,
	editable,
	unsavedDraft,
	round,
	outcome,
	decisionHref,
}: DecisionPanelProps) {
	const t = useT()
	const outcomeLabel = useOutcomeLabel()
	const waiting = round.outcome && !round.decidedAt
	return (
		<section className="panel panel--info" aria-labelledby="decision">
			<h2 id="decision">{t('staff.decisionTitle')}</h2>
			{round.decidedAt && round.outcome ? (
				<p>
					{t('staff.decidedOutcome', { outcome: outcomeLabel(round.outcome) })} <DateTime value={round.decidedAt} />
					{round.proposedBy ? ` · ${round.proposedBy.name}` : ''}
					{round.confirmedBy ? ` · ${t('staff.confirmedBy', { name: round.confirmedBy.name })}` : ''}
				</p>
			) : waiting && round.outcome ? (
				<>
					<p>
						{t('staff.proposalWaiting', { outcome: outcomeLabel(round.outcome), name: round.proposedBy?.name ?? '' })}
					</p>
					{round.proposedBy?.id === userId ? (
						<p>{t('staff.proposalNeedsOther')}</p>
					) : (
						<Form method="post" className="form">
							<TextareaField name="reason" label={t('staff.proposalReason')} rows={2} />
							<div className="button-row">
								<SubmitButton name="intent" value="confirm">
									{t('staff.confirmProposal', { outcome: outcomeLabel(round.outcome) })}
								</SubmitButton>
								<SubmitButton name="intent" value="reject" className="button">
									{t('staff.rejectProposal')}
								</SubmitButton>
							</div>
						</Form>
					)}
				</>
			) : editable ? (
				outcome.allAssessed && outcome.outcome ? (
					<div className="stack">
						<p>{t('staff.decisionReady', { outcome: outcomeLabel(outcome.outcome) })}</p>
						{outcome.insufficient.length ? (
							<p>{t('staff.insufficientList', { list: outcome.insufficient.join(', ') })}</p>
						) : null}
						{unsavedDraft ? <p className="panel panel--warning">{t('workbench.decisionUnsavedDraft')}</p> : null}
						{fourEyes && outcome.outcome !== 'qualified' ? <p>{t('staff.fourEyesNote')}</p> : null}
						{/* Issue 12 §5: the decision is taken on its confirmation page, after its preview. */}
						<p>
							<Link className="button" to={decisionHref}>
								{t('decisions.decisionPreviewLink')}
							</Link>
						</p>
					</div>
				) : (
					<p>{t('staff.decisionNotReady', { count: outcome.missing.length, list: outcome.missing.join(', ') })}</p>
				)
			) : (
				<p>{t('staff.notAssessable')}</p>
			)}
		</section>
	)
}
