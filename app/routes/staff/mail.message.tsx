import { Form, href, Link } from 'react-router'
import type { Route } from './+types/mail.message'
import { outboxStatusTone, templateLabel } from './mail.columns.tsx'
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { SubmitButton } from '#app/components/forms.tsx'
import { formatDateTime } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { outboxMessage } from '#app/services/mail/outbox-view.server.ts'
import { retryEmail } from '#app/services/mail/worker.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const message = await outboxMessage(params.emailId, user)
	invariantResponse(message, 'Bericht niet gevonden')
	return { message, isAdmin: user.staffRole === 'admin' }
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const retried = await retryEmail(params.emailId, { type: 'staff', userId: user.id })
	return redirectWithToast(
		href('/medewerkers/mail/:emailId', { emailId: params.emailId }),
		retried ? { type: 'success', key: 'mail.retried' } : { type: 'info', key: 'mail.notFailed' },
	)
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [args.loaderData ? { text: args.loaderData.message.subject } : 'meta.message', 'meta.mail'])

export default function OutboxMessage({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { message, isAdmin } = loaderData
	const rows: [string, React.ReactNode][] = [
		[t('mail.columnTo'), `${message.toName ? `${message.toName} ` : ''}<${message.toAddress}>`],
		[t('mail.columnTemplate'), templateLabel(t, message.template)],
		[t('mail.columnCreated'), formatDateTime(message.createdAt, locale)],
		[
			t('mail.columnStatus'),
			<span key="status" className={`badge badge--${outboxStatusTone[message.status]}`}>
				{t(`mail.status_${message.status}`)}
			</span>,
		],
		[t('mail.columnAttempts'), message.attempts],
	]
	if (message.sentAt) rows.push([t('mail.sentAt'), formatDateTime(message.sentAt, locale)])
	if (message.status === 'pending' && message.attempts > 0)
		rows.push([t('mail.nextAttempt'), formatDateTime(message.nextAttemptAt, locale)])
	if (message.lastError) rows.push([t('mail.lastError'), <code key="error">{message.lastError}</code>])
	if (message.messageId) rows.push([t('mail.messageId'), <code key="id">{message.messageId}</code>])
	if (message.provider) rows.push([t('mail.provider'), message.provider.name])
	if (message.attachments.length > 0)
		rows.push([t('mail.attachments'), message.attachments.map((item) => item.filename).join(', ')])
	return (
		<div className="stack">
			<p>
				<Link to="/medewerkers/mail">← {t('mail.backToOutbox')}</Link>
			</p>
			<h1>{message.subject}</h1>
			<div className="table-wrapper">
				<table className="table table--compact">
					<caption className="visually-hidden">{t('mail.messageFacts')}</caption>
					<tbody>
						{rows.map(([label, value]) => (
							<tr key={label}>
								<th scope="row">{label}</th>
								<td>{value}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			{isAdmin && message.status === 'failed' ? (
				<Form method="post">
					<SubmitButton>{t('mail.retry')}</SubmitButton>
				</Form>
			) : null}
			<section aria-labelledby="text-version">
				<h2 id="text-version">{t('mail.textVersion')}</h2>
				<p className="field__hint">{t('mail.textVersionHint')}</p>
				<pre className="panel panel--muted" style={{ whiteSpace: 'pre-wrap' }}>
					{message.text}
				</pre>
			</section>
			<p>
				<a
					href={href('/medewerkers/mail/:emailId/html', { emailId: message.id })}
					target="_blank"
					rel="noreferrer"
					className="button"
				>
					{t('mail.openHtml')}
				</a>
			</p>
		</div>
	)
}

export const ErrorBoundary = RouteErrorBoundary
