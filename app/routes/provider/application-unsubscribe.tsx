// /aanmelden/afmelden/:token — the unsubscribe link of "mail me when it opens" (issue 13). The link
// only shows a button: a mail scanner that follows links must not unsubscribe anyone. The answer
// is the same for a known, unknown or used token (no enumeration); an address that cannot be one of
// our links is not found, like any unknown address.
import { Form } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/application-unsubscribe'
import { SubmitButton } from '#app/components/forms.tsx'
import { ProviderErrorBoundary } from '#app/components/provider/ui.tsx'
import { useT } from '#app/i18n/react.tsx'
import { pageMeta } from '#app/i18n/meta.ts'
import { readForm } from '#app/lib/forms.ts'
import { parseParams } from '#app/lib/http.server.ts'
import { unsubscribeFromApplicationWindow } from '#app/services/application-window.server.ts'

// The link's token is randomToken(): 32 random bytes in base64url, always 43 characters.
const unsubscribeParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) })

export function loader({ params }: Route.LoaderArgs) {
	parseParams(unsubscribeParams, params)
	return { done: false }
}

export async function action({ request, params }: Route.ActionArgs) {
	const { token } = parseParams(unsubscribeParams, params)
	await readForm(request)
	await unsubscribeFromApplicationWindow(token)
	return { done: true }
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.unsubscribe'])

export default function Unsubscribe({ actionData }: Route.ComponentProps) {
	const t = useT()
	return (
		<div className="narrow stack">
			<h1>{t('provider.unsubscribeTitle')}</h1>
			{actionData?.done ? (
				<p className="panel panel--success" role="status">
					{t('provider.unsubscribeDone')}
				</p>
			) : (
				<Form method="post" className="stack">
					<p>{t('provider.unsubscribeIntro')}</p>
					<SubmitButton pendingText={t('common.saving')}>{t('provider.unsubscribeSubmit')}</SubmitButton>
				</Form>
			)}
		</div>
	)
}

export const ErrorBoundary = ProviderErrorBoundary
