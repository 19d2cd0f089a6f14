// /aanbieder/:providerId/berichten/:year — the conversation with KiBG about the participation of
// that year (issue 12 §4). Every member of the provider reads it and may write: the people who
// fill in the self-evaluation are often not the ones with signing authority, and they are the
// ones with the questions. Opening the page marks the thread read for this member.
import { href, Link } from 'react-router'
import type { Route } from './+types/thread'
import { ConversationThread, MessageForm, UnreadNotice } from '#app/components/conversation.tsx'
import { ProviderErrorBoundary } from '#app/components/provider/ui.tsx'
import { useT } from '#app/i18n/react.tsx'
import { pageMeta } from '#app/i18n/meta.ts'
import { notFound } from '#app/lib/http.server.ts'
import { sendMessageForm } from '#app/lib/message-form.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { openThread, postMessage, providerParticipation } from '#app/services/conversation.server.ts'
import { parseYear } from '../self-evaluation/context.server.ts'

async function participationOf(request: Request, params: { providerId: string; year: string }) {
	const { user, membership } = await requireProviderMember(request, params.providerId)
	const year = parseYear(params.year)
	const participation = await providerParticipation(params.providerId, year)
	if (!participation) notFound()
	return { user, membership, year, participation }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, membership, year, participation } = await participationOf(request, params)
	const thread = await openThread(participation.id, { userId: user.id, side: 'provider' })
	return { year, providerId: params.providerId, providerName: membership.providerName, ...thread }
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, participation } = await participationOf(request, params)
	const thread = href('/aanbieder/:providerId/berichten/:year', { providerId: params.providerId, year: params.year })
	return sendMessageForm(request, {
		locale: user.locale,
		post: (message) =>
			postMessage(
				{ type: 'provider', userId: user.id },
				{ participationId: participation.id, side: 'provider', ...message },
			),
		landing: (messageId) => `${thread}#bericht-${messageId}`,
	})
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [['conversation.title', { year: args.params.year }], 'meta.provider'])

export default function ProviderThread({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { year, providerId, providerName, messages, unread } = loaderData
	return (
		<div className="stack">
			<p>
				<Link to={href('/aanbieder/:providerId', { providerId })}>← {t('conversation.backToDashboard')}</Link>
			</p>
			<h1>{t('conversation.title', { year })}</h1>
			<p>{t('conversation.providerIntro', { year })}</p>
			<UnreadNotice count={unread} />
			<ConversationThread
				messages={messages}
				providerName={providerName}
				headingLevel={2}
				attachmentHref={(fileId) =>
					href('/aanbieder/:providerId/berichten/:year/bijlage/:fileId', { providerId, year: String(year), fileId })
				}
			/>
			<section className="panel">
				<MessageForm failure={actionData} />
			</section>
		</div>
	)
}

export const ErrorBoundary = ProviderErrorBoundary
