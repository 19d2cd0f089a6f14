// The conversation with the provider as a panel beside the submission (the participation page and
// the assessment page, issue 12 §4): the thread with what was new to this staff member marked, and
// the form for a new message, which posts to the thread's own route and comes back here.
import { href, Link } from 'react-router'
import { ConversationThread, MessageForm, type ThreadMessageView } from '#app/components/conversation.tsx'
import { useT } from '#app/i18n/react.tsx'

export function ConversationPanel({
	participationId,
	providerName,
	messages,
	unread,
	returnTo,
}: {
	participationId: string
	providerName: string
	messages: ThreadMessageView[]
	unread: number
	returnTo: string
}) {
	const t = useT()
	const thread = href('/medewerkers/deelnames/:participationId/berichten', { participationId })
	return (
		<section className="panel stack conversation-panel" aria-labelledby="conversation-title" id="berichten">
			<h2 id="conversation-title">
				{t('conversation.panelTitle')}{' '}
				{unread > 0 ? (
					<span className="badge badge--warning">{t('conversation.unreadShort', { count: unread })}</span>
				) : null}
			</h2>
			<ConversationThread
				messages={messages}
				providerName={providerName}
				attachmentHref={(fileId) => href('/medewerkers/documenten/:fileId', { fileId })}
			/>
			<details>
				<summary>{t('conversation.panelWrite')}</summary>
				<MessageForm action={thread} returnTo={returnTo} title={t('conversation.panelWrite')} />
			</details>
			<p>
				<Link to={thread}>{t('conversation.panelOpen')}</Link>
			</p>
		</section>
	)
}
