import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/participation'
import { outboxStatusTone } from './mail.columns.tsx'
import { AuditDiff } from './audit-diff.tsx'
import { UnpaidInvoicesPanel } from './effect-preview.tsx'
import { AssessorControl } from './assessor-control.tsx'
import { ConversationPanel } from './conversation-panel.tsx'
import { handleAssignment } from './assignment.server.ts'
import { DateTime, StaffErrorBoundary, useStaffRole } from './ui.tsx'
import { ErrorSummary, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { StateBadge } from '#app/components/status-badge.tsx'
import { useT } from '#app/i18n/react.tsx'
import { formatEuro } from '#app/i18n/format.ts'
import { auditActionLabel, participationEventLabel, withdrawalReasonLabel } from '#app/i18n/labels.ts'
import { useLocale } from '#app/i18n/react.tsx'
import { attempt, formDataToValues, parseForm, refusalData, readForm } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { staffParticipationDetail } from '#app/services/staff-participation-detail.server.ts'
import { participationNextDeadline, staffMembers } from '#app/services/staff-participations.server.ts'
import { unpaidInvoices } from '#app/services/money-in-view.server.ts'
import { pendingWithdrawalProposals } from '#app/services/safe-decisions.server.ts'
import { undoWithdrawal } from '#app/services/withdrawal.server.ts'
import { openThread } from '#app/services/conversation.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

const undoSchema = z.object({
	intent: z.literal('undo'),
	justification: z.string().trim().min(10, 'staff.errorJustificationRequired').max(5000),
})

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const detail = await staffParticipationDetail(params.participationId)
	invariantResponse(detail, 'Niet gevonden')
	const [staff, deadline, unpaid, pendingProposals, conversation] = await Promise.all([
		staffMembers(),
		participationNextDeadline(params.participationId),
		// Issue 12 §6: the provider's unpaid invoices of every year, not only this participation's.
		unpaidInvoices(detail.participation.providerId),
		pendingWithdrawalProposals(),
		// Issue 12 §4: the conversation with the provider; showing it here reads it.
		openThread(params.participationId, { userId: user.id, side: 'staff' }),
	])
	return {
		...detail,
		conversation,
		unpaid,
		pendingProposalId:
			pendingProposals.find((proposal) => proposal.participationId === params.participationId)?.id ?? null,
		deadline,
		staff: staff.filter((member) => member.active).map(({ id, name }) => ({ id, name })),
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request)
	const formData = await readForm(request)
	const intent = formData.get('intent')
	const here = href('/medewerkers/deelnames/:participationId', { participationId: params.participationId })
	// Undoing a withdrawal is a decision of the board's office: administrators only. Withdrawing
	// goes through its confirmation page (withdraw.tsx, issue 12 §5).
	if (intent === 'undo') await requireStaff(request, 'admin')
	const actor = { type: 'staff' as const, userId: user.id }
	if (intent === 'assign' || intent === 'claim') {
		// The form names its participation; this page only acts on its own.
		formData.set('participationId', params.participationId)
		const assigned = await handleAssignment(request, formData, here)
		if (assigned) return assigned
	}
	if (intent === 'undo') {
		const form = parseForm(undoSchema, formData)
		if (!form.success) return data({ ...form, intent: 'undo' }, { status: 400 })
		const result = await attempt(() => undoWithdrawal(actor, params.participationId, form.data.justification))
		if (!result.ok)
			return refusalData(result.error, user.locale, { values: formDataToValues(formData), extra: { intent: 'undo' } })
		return redirectWithToast(here, { type: 'success', key: 'staff.toastWithdrawalUndone' })
	}
	invariantResponse(false, 'Niet gevonden')
}

export default function ParticipationPage({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const role = useStaffRole()
	const { participation: p, files, timeline, deadline, staff } = loaderData
	const errorsFor = (intent: string) =>
		actionData && !actionData.success && actionData.intent === intent ? actionData : undefined
	const undoErrors = errorsFor('undo')
	const activeWithdrawal = p.withdrawals.find((withdrawal) => !withdrawal.undoneAt)
	return (
		<div className="stack">
			<p>
				<Link to={`${href('/medewerkers/deelnames')}?jaar=${p.year}`}>← {t('staff.participationsTitle')}</Link>
			</p>
			<h1>
				{p.provider.name} · {p.year}
			</h1>
			<p>
				<StateBadge state={p.state} />{' '}
				{p.isReapplicant ? <span className="badge badge--warning">{t('staff.reapplicant')}</span> : null}
			</p>
			{loaderData.withdrawalExplanation ? (
				<div className="panel panel--warning">
					<h2>{t('staff.applicantWithdrawalExplanation')}</h2>
					<p className="preserve-lines">{loaderData.withdrawalExplanation}</p>
				</div>
			) : null}
			<div className="staff-grid">
				<section className="panel" aria-labelledby="provider-data">
					<h2 id="provider-data">{t('staff.providerData')}</h2>
					<dl>
						<dt>{t('staff.columnType')}</dt>
						<dd>{t(`states.${p.provider.type}`)}</dd>
						<dt>{t('staff.address')}</dt>
						<dd>
							{p.provider.street} {p.provider.houseNumber}, {p.provider.postcode} {p.provider.city}
						</dd>
						<dt>{t('staff.columnKvk')}</dt>
						<dd>{p.provider.kvkNumber}</dd>
						<dt>AGB</dt>
						<dd>{p.provider.agbCode}</dd>
						<dt>{t('staff.email')}</dt>
						<dd>{p.provider.email}</dd>
						<dt>{t('staff.members')}</dt>
						<dd>
							<ul>
								{p.provider.memberships.map((membership) => (
									<li key={membership.id}>
										{membership.user.name} ({membership.user.email})
										{membership.canSign ? ` · ${t('shell.roleSigner')}` : ''}
										{membership.user.active ? '' : ` · ${t('staff.inactive')}`}
									</li>
								))}
							</ul>
						</dd>
					</dl>
				</section>
				<section className="panel" aria-labelledby="register-window">
					<h2 id="register-window">{t('staff.registerWindow')}</h2>
					<dl>
						<dt>{t('staff.nextDeadline')}</dt>
						<dd data-testid="next-deadline">
							{deadline ? (
								<>
									{t(`staff.nextAction_${deadline.kind}`)}: <DateTime value={deadline.dueAt} dateOnly />{' '}
									<span
										className={`badge badge--${deadline.overdue ? 'danger' : deadline.daysLeft <= 14 ? 'warning' : 'neutral'}`}
									>
										{deadline.overdue
											? t('staff.deadlineOverdue', { count: -deadline.daysLeft })
											: deadline.daysLeft === 0
												? t('common.today')
												: t('common.daysLeft', { count: deadline.daysLeft })}
									</span>
								</>
							) : (
								t('staff.nextDeadlineNone')
							)}
						</dd>
						<dt>{t('staff.listedFrom')}</dt>
						<dd data-testid="listed-from">
							<DateTime value={p.listedFrom} />
						</dd>
						<dt>{t('staff.columnListedUntil')}</dt>
						<dd data-testid="listed-until">
							{/* The window ends exclusively: show the last day in the register (issue 16). */}
							<DateTime value={p.listedUntil ? new Date(new Date(p.listedUntil).getTime() - 1) : null} dateOnly />
						</dd>
						<dt>{t('staff.columnRevisionDue')}</dt>
						<dd>
							<DateTime value={p.revisionDueAt} />
						</dd>
						<dt>{t('staff.certificate')}</dt>
						<dd>
							{p.certificate ? (
								<>
									{p.certificate.number}
									{p.certificate.file ? (
										<>
											{' · '}
											<a href={href('/medewerkers/documenten/:fileId', { fileId: p.certificate.file.id })}>
												{t('staff.download')}
											</a>
										</>
									) : null}
								</>
							) : (
								'–'
							)}
						</dd>
					</dl>
					<h3 className="h-small">{t('staff.columnAssessor')}</h3>
					<AssessorControl
						participationId={p.id}
						assessor={p.assessor}
						staff={staff}
						claimable={p.state === 'submitted'}
					/>
				</section>
			</div>
			<ConversationPanel
				participationId={p.id}
				providerName={p.provider.name}
				messages={loaderData.conversation.messages}
				unread={loaderData.conversation.unread}
				returnTo={href('/medewerkers/deelnames/:participationId', { participationId: p.id })}
			/>
			<section aria-labelledby="rounds">
				<h2 id="rounds">{t('staff.rounds')}</h2>
				{p.rounds.length === 0 ? <p className="empty-state">{t('staff.noRounds')}</p> : null}
				<ul className="card-list">
					{p.rounds.map((round) => (
						<li key={round.id} className="card">
							<span className="card__title">{t('staff.roundN', { round: round.number })}</span>
							<span>
								{round.status === 'submitted' ? (
									<>
										{t('staff.submittedOn')} <DateTime value={round.submittedAt} /> ·{' '}
										{round.outcome
											? t(
													round.outcome === 'qualified'
														? 'staff.outcomeQualified'
														: round.outcome === 'revision_requested'
															? 'staff.outcomeRevision'
															: 'staff.outcomeNotQualified',
												)
											: t('staff.awaitingAssessment')}
										{round.outcome && !round.decidedAt ? ` (${t('staff.awaitingConfirmation')})` : ''} ·{' '}
										<Link
											to={href('/medewerkers/deelnames/:participationId/beoordeling/:round', {
												participationId: p.id,
												round: String(round.number),
											})}
										>
											{t('staff.openAssessment', { round: round.number })}
										</Link>
									</>
								) : (
									t('staff.roundDraft')
								)}
							</span>
						</li>
					))}
				</ul>
			</section>
			<section aria-labelledby="timeline">
				<h2 id="timeline">{t('staff.timeline')}</h2>
				<ol className="timeline">
					{timeline.map((item) => (
						<li key={`${item.kind}-${item.id}`}>
							<DateTime value={item.at} /> ·{' '}
							{item.kind === 'transition' ? (
								<>
									{item.entry.fromState ? t(`states.${item.entry.fromState}`) : '–'} →{' '}
									<strong>{t(`states.${item.entry.toState}`)}</strong> (
									{participationEventLabel(item.entry.event, locale)}) · {item.entry.actor?.name ?? t('staff.system')}
									{item.entry.note ? <span className="pre-wrap"> · {item.entry.note}</span> : null}
								</>
							) : item.kind === 'mail' ? (
								<>
									{t('staff.mailTo', { to: item.mail.toAddress })}: {item.mail.subject}{' '}
									<span className={`badge badge--${outboxStatusTone[item.mail.status]}`}>
										{t(`mail.status_${item.mail.status}`)}
									</span>
								</>
							) : (
								<>
									{t('staff.withdrawalEffective', { reason: withdrawalReasonLabel(item.withdrawal.reason, locale) })}
									{item.withdrawal.undoneAt ? ` · ${t('staff.withdrawalUndone')}` : ''}
								</>
							)}
						</li>
					))}
				</ol>
			</section>
			<section aria-labelledby="withdrawals">
				<h2 id="withdrawals">{t('staff.withdrawalsTitle')}</h2>
				{p.withdrawals.length === 0 ? <p className="empty-state">{t('staff.noWithdrawals')}</p> : null}
				<ul>
					{p.withdrawals.map((withdrawal) => (
						<li key={withdrawal.id}>
							{withdrawalReasonLabel(withdrawal.reason, locale)} · {t('staff.effectiveAt')}{' '}
							<DateTime value={withdrawal.effectiveAt} /> · {withdrawal.decidedBy?.name ?? t('staff.system')} ·{' '}
							{withdrawal.explanation}
							{withdrawal.letterFile ? (
								<>
									{' · '}
									<a href={href('/medewerkers/documenten/:fileId', { fileId: withdrawal.letterFile.id })}>
										{t('staff.letter')}
									</a>
								</>
							) : null}
							{withdrawal.undoneAt
								? ` · ${t('staff.withdrawalUndoneBy', { name: withdrawal.undoneBy?.name ?? '', reason: withdrawal.undoReason ?? '' })}`
								: ''}
						</li>
					))}
				</ul>
				{loaderData.pendingProposalId ? (
					<p className="panel panel--warning">
						{t('decisions.withdrawPending')}{' '}
						<Link
							to={href('/medewerkers/intrekkingen/voorstel/:proposalId', { proposalId: loaderData.pendingProposalId })}
						>
							{t('decisions.withdrawPendingLink')}
						</Link>
					</p>
				) : role === 'admin' && p.state !== 'withdrawn' && p.state !== 'agreement_declined' ? (
					<p>
						<Link
							className="button button--danger"
							to={href('/medewerkers/deelnames/:participationId/intrekken', { participationId: p.id })}
						>
							{t('decisions.withdrawLink')}
						</Link>
					</p>
				) : null}
				{role === 'admin' && p.state === 'withdrawn' && activeWithdrawal ? (
					<details className="panel panel--warning" open={Boolean(undoErrors)}>
						<summary>{t('staff.undoTitle')}</summary>
						<ErrorSummary fieldErrors={undoErrors?.fieldErrors} formErrors={undoErrors?.formErrors} />
						<Form method="post" className="form" noValidate>
							<input type="hidden" name="intent" value="undo" />
							<TextareaField
								name="justification"
								label={t('staff.undoJustification')}
								rows={3}
								errors={undoErrors?.fieldErrors.justification}
							/>
							<SubmitButton className="button">{t('staff.undoButton')}</SubmitButton>
						</Form>
					</details>
				) : null}
			</section>
			<section aria-labelledby="agreements">
				<h2 id="agreements">{t('staff.agreements')}</h2>
				{p.agreements.length === 0 ? <p className="empty-state">{t('staff.none')}</p> : null}
				<ul>
					{p.agreements.map((agreement) => (
						<li key={agreement.id}>
							{t(`staff.agreementStatus_${agreement.status}`)} · {t('staff.offeredOn')}{' '}
							<DateTime value={agreement.offeredAt} dateOnly />
							{agreement.signedAt ? (
								<>
									{' · '}
									{t('staff.signedBy', { name: agreement.signerName ?? '' })} <DateTime value={agreement.signedAt} />
								</>
							) : null}
							{agreement.signedFileId ? (
								<>
									{' · '}
									<a href={href('/medewerkers/documenten/:fileId', { fileId: agreement.signedFileId })}>
										{t('staff.download')}
									</a>
								</>
							) : null}
						</li>
					))}
				</ul>
			</section>
			<UnpaidInvoicesPanel unpaid={loaderData.unpaid} />
			<section aria-labelledby="invoices">
				<h2 id="invoices">{t('staff.invoices')}</h2>
				{p.invoices.length === 0 ? <p className="empty-state">{t('staff.none')}</p> : null}
				<ul>
					{p.invoices.map((invoice) => (
						<li key={invoice.id}>
							{invoice.number} · {formatEuro(BigInt(invoice.amountCents), locale)} ·{' '}
							{t(`fees.status_${invoice.status}`)} · {t('staff.dueOn')} <DateTime value={invoice.dueAt} dateOnly />
							{invoice.fileId ? (
								<>
									{' · '}
									<a href={href('/medewerkers/documenten/:fileId', { fileId: invoice.fileId })}>
										{t('staff.download')}
									</a>
								</>
							) : null}
						</li>
					))}
				</ul>
			</section>
			<section aria-labelledby="documents">
				<h2 id="documents">{t('staff.documents')}</h2>
				{files.length === 0 ? <p className="empty-state">{t('staff.none')}</p> : null}
				<ul>
					{files.map((file) => (
						<li key={file.id}>
							<a href={href('/medewerkers/documenten/:fileId', { fileId: file.id })}>{file.originalName}</a> ·{' '}
							{t(`staff.fileKind_${file.kind}`)} · <DateTime value={file.createdAt} dateOnly />
						</li>
					))}
				</ul>
			</section>
			<section aria-labelledby="audit">
				<h2 id="audit">{t('staff.auditTrail')}</h2>
				<ul>
					{p.auditEvents.map((event) => (
						<li key={event.id}>
							<DateTime value={event.at} /> · {auditActionLabel(event.action, locale)} ·{' '}
							{event.actor?.name ?? t(`staff.actor_${event.actorType}`)}
							{event.reason ? ` · ${event.reason}` : ''}
							<AuditDiff before={event.before} after={event.after} labels={event.labels} />
						</li>
					))}
				</ul>
				<p>
					<Link to={`${href('/medewerkers/audit')}?q=${p.id}`}>{t('staff.auditAll')}</Link>
				</p>
			</section>
		</div>
	)
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [
		args.loaderData ? { text: args.loaderData.participation.provider.name } : 'meta.participation',
		'meta.staff',
	])

export const ErrorBoundary = StaffErrorBoundary
