// The confirmation pages of the staff's irreversible steps (issue 12 §5) and the unpaid invoices
// (§6) share these parts: what happens to the participation, the register, the agreement and the
// certificate; the mail as the provider receives it (the HTML in a sandboxed frame, and the text
// version); the letter as a PDF link.
import type { ReactNode } from 'react'
import { formatDate, formatEuro } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'

type Instant = Date | string
interface Facts {
	state: string
	listedFrom: Instant | null
	listedUntil: Instant | null
	revisionDueAt: Instant | null
	certificateNumber: string | null
	agreementDissolvedAt: Instant | null
	withdrawal: { reason: string; effectiveAt: Instant } | null
}

export interface ScreenPreview {
	before: Facts
	after: Facts
	mails: {
		toAddress: string
		toName: string | null
		subject: string
		html: string
		text: string
		attachments: string[]
	}[]
	documents: { kind: string; name: string; mimeType: string }[]
}

const time = (value: Instant | null) => (value ? new Date(value).getTime() : null)

/** The register window ends exclusively: the last day shown is the instant before it. */
const lastDay = (value: Instant) => new Date(new Date(value).getTime() - 1)

export function EffectPreview({
	preview,
	letterHref,
	notice,
}: {
	preview: ScreenPreview
	/** Where the letter of the preview can be opened, when one is rendered. */
	letterHref?: string
	notice?: ReactNode
}) {
	const t = useT()
	const locale = useLocale()
	const { before, after } = preview
	const day = (value: Instant) => formatDate(new Date(value), locale)
	const stateLabel = (state: string) => t(`states.${state}` as 'states.listed')
	const registerText = (() => {
		const untilBefore = time(before.listedUntil)
		const untilAfter = time(after.listedUntil)
		if (after.listedUntil && untilAfter !== untilBefore && (untilBefore === null || untilAfter! < untilBefore))
			return t('decisions.registerLeaves', { date: day(after.listedUntil) })
		if (after.listedFrom && time(after.listedFrom) !== time(before.listedFrom))
			return t('decisions.registerEnters', { date: day(after.listedFrom) })
		if (!after.listedFrom) return `${t('decisions.registerUnchanged')}: ${t('decisions.registerNotListed')}`
		return after.listedUntil
			? `${t('decisions.registerUnchanged')}: ${t('decisions.registerStays', { date: day(lastDay(after.listedUntil)) })}`
			: t('decisions.registerUnchanged')
	})()
	const letter = preview.documents.find((document) => document.kind === 'withdrawal_letter')
	return (
		<section className="stack" aria-labelledby="effect-preview">
			<h2 id="effect-preview">{t('decisions.previewTitle')}</h2>
			<p>{t('decisions.previewIntro')}</p>
			{notice ? <div className="panel panel--warning">{notice}</div> : null}
			<dl className="panel" data-testid="effect-facts">
				<dt>{t('decisions.stateChange')}</dt>
				<dd>
					{before.state === after.state ? (
						t('decisions.stateUnchanged', { state: stateLabel(after.state) })
					) : (
						<>
							{stateLabel(before.state)} → <strong>{stateLabel(after.state)}</strong>
						</>
					)}
				</dd>
				{after.withdrawal && !before.withdrawal ? (
					<>
						<dt>{t('decisions.effectiveDay')}</dt>
						<dd>
							<strong>{day(after.withdrawal.effectiveAt)}</strong> ·{' '}
							{t(`states.reason_${after.withdrawal.reason}` as 'states.reason_unpaid_fee')}
						</dd>
					</>
				) : null}
				<dt>{t('decisions.registerEffect')}</dt>
				<dd>{registerText}</dd>
				{after.agreementDissolvedAt && !before.agreementDissolvedAt ? (
					<>
						<dt>{t('decisions.agreementEffect')}</dt>
						<dd>{t('decisions.agreementDissolved', { date: day(after.agreementDissolvedAt) })}</dd>
					</>
				) : null}
				{after.certificateNumber && !before.certificateNumber ? (
					<>
						<dt>{t('decisions.certificateEffect')}</dt>
						<dd>{t('decisions.certificateIssued', { number: after.certificateNumber })}</dd>
					</>
				) : before.certificateNumber && after.withdrawal && !before.withdrawal ? (
					<>
						<dt>{t('decisions.certificateEffect')}</dt>
						<dd>{t('decisions.certificateRevoked', { number: before.certificateNumber })}</dd>
					</>
				) : null}
				{after.revisionDueAt && time(after.revisionDueAt) !== time(before.revisionDueAt) ? (
					<>
						<dt>{t('decisions.revisionDue')}</dt>
						<dd>{day(after.revisionDueAt)}</dd>
					</>
				) : null}
			</dl>
			<section className="stack" aria-labelledby="preview-mails">
				<h3 id="preview-mails">{t('decisions.mailsTitle')}</h3>
				{preview.mails.length === 0 ? <p className="empty-state">{t('decisions.mailsNone')}</p> : null}
				{/* Every recipient gets the same message: show it once, with all addresses. */}
				{preview.mails.slice(0, 1).map((mail) => (
					<article key={mail.subject} className="panel stack" data-testid="preview-mail">
						<dl>
							<dt>{t('decisions.mailTo')}</dt>
							<dd>{preview.mails.map((each) => each.toAddress).join(', ')}</dd>
							<dt>{t('decisions.mailSubject')}</dt>
							<dd>{mail.subject}</dd>
							{mail.attachments.length ? (
								<>
									<dt>{t('decisions.mailAttachments')}</dt>
									<dd>{mail.attachments.join(', ')}</dd>
								</>
							) : null}
						</dl>
						{/* No scripts, no forms, no same-origin access: the stored HTML as a mail client shows it. */}
						<iframe
							className="mail-preview"
							sandbox=""
							srcDoc={mail.html}
							title={t('decisions.mailFrameTitle', { subject: mail.subject })}
						/>
						<details>
							<summary>{t('decisions.mailText')}</summary>
							<pre className="panel panel--muted pre-wrap">{mail.text}</pre>
						</details>
					</article>
				))}
			</section>
			<section aria-labelledby="preview-letter">
				<h3 id="preview-letter">{t('decisions.letterTitle')}</h3>
				{letter && letterHref ? (
					<p>
						<a href={letterHref} target="_blank" rel="noreferrer" data-testid="preview-letter">
							{t('decisions.letterOpen', { name: letter.name })}
						</a>
					</p>
				) : (
					<p className="empty-state">{t('decisions.letterNone')}</p>
				)}
			</section>
		</section>
	)
}

export interface ScreenInvoices {
	invoices: {
		id: string
		number: string
		year: number
		dueAt: Instant
		status: string
		daysOverdue: number
		eligibleForWithdrawal: boolean
		amountCents: string
	}[]
	overdue: boolean
}

/** Open and overdue invoices of the provider, of every year (issue 12 §6). */
export function UnpaidInvoicesPanel({ unpaid, headingLevel = 2 }: { unpaid: ScreenInvoices; headingLevel?: 2 | 3 }) {
	const t = useT()
	const locale = useLocale()
	const Heading = headingLevel === 2 ? 'h2' : 'h3'
	return (
		<section
			className={`panel${unpaid.overdue ? ' panel--warning' : ''}`}
			aria-labelledby="unpaid-invoices"
			data-testid="unpaid-invoices"
		>
			<Heading id="unpaid-invoices">{t('decisions.invoicesTitle')}</Heading>
			{unpaid.invoices.length === 0 ? <p className="empty-state">{t('decisions.invoicesNone')}</p> : null}
			{unpaid.overdue ? <p>{t('decisions.overdueWarning')}</p> : null}
			<ul>
				{unpaid.invoices.map((invoice) => (
					<li key={invoice.id}>
						{t('decisions.invoiceLine', {
							number: invoice.number,
							year: invoice.year,
							amount: formatEuro(BigInt(invoice.amountCents), locale),
							due: formatDate(new Date(invoice.dueAt), locale),
						})}{' '}
						<span className={`badge badge--${invoice.status === 'overdue' ? 'danger' : 'neutral'}`}>
							{invoice.status === 'overdue'
								? t('decisions.invoiceOverdue', { count: invoice.daysOverdue })
								: t('decisions.invoiceOpen')}
						</span>
						{invoice.eligibleForWithdrawal ? ` · ${t('decisions.invoiceEligible')}` : ''}
					</li>
				))}
			</ul>
		</section>
	)
}
