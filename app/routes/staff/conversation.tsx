// /medewerkers/deelnames/:participationId/berichten — the conversation with the provider about
// this participation (issue 12 §4). Every staff member reads it and may write; opening it marks it
// read for them. The panels on the participation and assessment pages post here and, with `terug`,
// come back to where the message was written.
import { href, Link } from 'react-router'
import type { Route } from './+types/conversation'
import { StaffErrorBoundary } from './ui.tsx'
import { ConversationThread, MessageForm, UnreadNotice } from '#app/components/conversation.tsx'
import { StateBadge } from '#app/components/status-badge.tsx'
import { useT } from '#app/i18n/react.tsx'
import { pageMeta } from '#app/i18n/meta.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { sendMessageForm } from '#app/lib/message-form.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { openThread, postMessage, staffThreadHeading } from '#app/services/conversation.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const heading = await staffThreadHeading(params.participationId)
	invariantResponse(heading, 'Niet gevonden')
	const thread = await openThread(heading.id, { userId: user.id, side: 'staff' })
	return { participation: heading, ...thread }
}

/** Back to a page of this same participation only (the panel's page), else to the thread. */
function returnPath(participationId: string, requested: string | null, messageId: string): string {
	const own = href('/medewerkers/deelnames/:participationId', { participationId })
	const thread = href('/medewerkers/deelnames/:participationId/berichten', { participationId })
	const path = requested?.split('#')[0] ?? ''
	const safe = path === own || (path.startsWith(`${own}/`) && /^[\w/-]+$/.test(path) && !path.includes('//'))
	return `${safe ? path : thread}#bericht-${messageId}`
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request)
	const heading = await staffThreadHeading(params.participationId)
	invariantResponse(heading, 'Niet gevonden')
	return sendMessageForm(request, {
		locale: user.locale,
		post: (message) =>
			postMessage({ type: 'staff', userId: user.id }, { participationId: heading.id, side: 'staff', ...message }),
		landing: (messageId, returnTo) => returnPath(heading.id, returnTo, messageId),
	})
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [
		'meta.conversation',
		args.loaderData ? { text: args.loaderData.participation.provider.name } : 'meta.participation',
		'meta.staff',
	])

export default function StaffConversation({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { participation, messages, unread } = loaderData
	const returnTo = typeof actionData?.values.terug === 'string' ? actionData.values.terug : undefined
	return (
		<div className="stack">
			<p>
				<Link to={href('/medewerkers/deelnames/:participationId', { participationId: participation.id })}>
					← {t('conversation.backToParticipation')}
				</Link>
			</p>
			<h1>
				{t('conversation.threadLabel')} · {participation.provider.name} · {participation.year}
			</h1>
			<p>
				<StateBadge state={participation.state} />
			</p>
			<p>{t('conversation.staffIntro')}</p>
			<UnreadNotice count={unread} />
			<ConversationThread
				messages={messages}
				providerName={participation.provider.name}
				headingLevel={2}
				attachmentHref={(fileId) => href('/medewerkers/documenten/:fileId', { fileId })}
			/>
			<section className="panel">
				<MessageForm failure={actionData} returnTo={returnTo} />
			</section>
		</div>
	)
}

export const ErrorBoundary = StaffErrorBoundary
