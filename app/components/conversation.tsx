// The conversation about a participation (issue 12 §4), shared by the provider's page and the staff
// screens: the thread (oldest first, unread messages marked) and the form for a new message. The
// form is a plain multipart post, so it works without JavaScript; after an error the typed text
// comes back in the form (files cannot: a browser never refills a file input).
import { Form } from 'react-router'
import { DateTime } from './date-time.tsx'
import { ErrorSummary, InputField, SubmitButton, TextareaField } from './forms.tsx'
import { MESSAGE_MAX_ATTACHMENTS, MESSAGE_MAX_CHARS, type MessageSide } from '#app/domain/conversation.ts'
import { formatBytes } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import type { FieldErrors, FormValues } from '#app/lib/forms.ts'
import { UPLOAD_ACCEPT } from '#app/lib/upload-limits.ts'

export interface ThreadMessageView {
	id: string
	side: MessageSide
	authorName: string | null
	body: string
	createdAt: Date | string
	unread: boolean
	attachments: { id: string; name: string; sizeBytes: number }[]
}

/** How many of the other side's messages the reader has not seen yet, said once above the thread. */
export function UnreadNotice({ count }: { count: number }) {
	const t = useT()
	if (count === 0) return null
	return (
		<p className="panel panel--info" role="status">
			{t('conversation.unread', { count })}
		</p>
	)
}

export function ConversationThread({
	messages,
	providerName,
	attachmentHref,
	headingLevel = 3,
}: {
	messages: ThreadMessageView[]
	providerName: string
	attachmentHref: (fileId: string) => string
	headingLevel?: 2 | 3
}) {
	const t = useT()
	const locale = useLocale()
	if (messages.length === 0) return <p className="empty-state">{t('conversation.empty')}</p>
	const Heading = `h${headingLevel + 1}` as 'h3' | 'h4'
	return (
		<ol className="conversation" aria-label={t('conversation.threadLabel')}>
			{messages.map((message) => (
				<li
					key={message.id}
					id={`bericht-${message.id}`}
					className={`conversation__message conversation__message--${message.side}${message.unread ? ' conversation__message--unread' : ''}`}
				>
					<Heading className="conversation__meta">
						{message.side === 'staff'
							? message.authorName
								? t('conversation.fromStaff', { name: message.authorName })
								: t('conversation.fromStaffUnknown')
							: t('conversation.fromProvider', {
									name: message.authorName ?? t('conversation.fromUnknown'),
									provider: providerName,
								})}{' '}
						· <DateTime value={message.createdAt} />
						{message.unread ? (
							<>
								{' '}
								<span className="badge badge--warning">{t('conversation.newBadge')}</span>
							</>
						) : null}
					</Heading>
					<p className="pre-wrap conversation__body">{message.body}</p>
					{message.attachments.length > 0 ? (
						<ul className="conversation__attachments" aria-label={t('conversation.attachmentsOf')}>
							{message.attachments.map((file) => (
								<li key={file.id}>
									<a href={attachmentHref(file.id)}>{file.name}</a>{' '}
									<span className="field__hint">({formatBytes(file.sizeBytes, locale)})</span>
								</li>
							))}
						</ul>
					) : null}
				</li>
			))}
		</ol>
	)
}

export interface MessageFormFailure {
	fieldErrors: FieldErrors
	formErrors: string[]
	values: FormValues
}

export function MessageForm({
	action,
	failure,
	returnTo,
	title,
}: {
	/** Where the form posts (the thread's own route). */
	action?: string
	failure?: MessageFormFailure
	/** A page to come back to after sending (the staff panel on another page). */
	returnTo?: string
	title?: string
}) {
	const t = useT()
	const locale = useLocale()
	const typed = failure?.values.body
	return (
		<Form
			method="post"
			action={action}
			encType="multipart/form-data"
			className="form stack"
			noValidate
			aria-labelledby="message-form-title"
		>
			<h3 id="message-form-title">{title ?? t('conversation.writeTitle')}</h3>
			<ErrorSummary fieldErrors={failure?.fieldErrors} formErrors={failure?.formErrors} />
			{returnTo ? <input type="hidden" name="terug" value={returnTo} /> : null}
			<TextareaField
				name="body"
				label={t('conversation.bodyLabel')}
				hint={t('conversation.bodyHint', { max: new Intl.NumberFormat(locale).format(MESSAGE_MAX_CHARS) })}
				rows={5}
				maxLength={MESSAGE_MAX_CHARS}
				defaultValue={typeof typed === 'string' ? typed : ''}
				errors={failure?.fieldErrors.body}
				required
			/>
			<InputField
				name="attachments"
				type="file"
				multiple
				accept={UPLOAD_ACCEPT}
				label={t('conversation.attachmentsLabel')}
				hint={t('conversation.attachmentsHint', { count: MESSAGE_MAX_ATTACHMENTS })}
				errors={failure?.fieldErrors.attachments}
			/>
			{failure ? <p className="field__hint">{t('conversation.attachmentsKeptNotice')}</p> : null}
			<div className="button-row">
				<SubmitButton>{t('conversation.send')}</SubmitButton>
			</div>
		</Form>
	)
}
