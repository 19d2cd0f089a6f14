// Hooks for end-to-end tests, only with KEURMERK_TEST_HOOKS=1 (refused in production, see
// env.server.ts). With the embedded database inside the server process, tests cannot reach
// the database themselves: they set the clock, create fixtures and sessions, and read the
// outbox through here. Everything else they do through the UI.
import { z } from 'zod'
import type { Route } from './+types/test-hooks'
import { clockDescription, setClock } from '#app/lib/clock.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { notFound } from '#app/lib/http.server.ts'
import { createSession } from '#app/lib/session.server.ts'
import { db } from '#app/lib/db.server.ts'
import { openSealedContent } from '#app/services/mail/outbox.server.ts'

function guard() {
	if (!getEnv().KEURMERK_TEST_HOOKS) notFound()
}

export async function loader({ request, params }: Route.LoaderArgs) {
	guard()
	const path = params['*']
	const url = new URL(request.url)
	if (path === 'clock') return Response.json(clockDescription())
	if (path === 'outbox') {
		const to = z.email().parse(url.searchParams.get('to'))
		const messages = await db.outboxEmail.findMany({
			where: { toAddress: to },
			orderBy: { createdAt: 'asc' },
			select: {
				id: true,
				template: true,
				subject: true,
				text: true,
				sealedContent: true,
				status: true,
				createdAt: true,
			},
		})
		// The text the recipient will get: account mails rest sealed (the stored text is redacted),
		// and these tests play the recipient, so they read what the worker would send.
		return Response.json(
			messages.map(({ sealedContent, ...message }) => ({
				...message,
				text: (sealedContent ? openSealedContent(sealedContent)?.text : null) ?? message.text,
			})),
		)
	}
	notFound()
}

const clockSchema = z.object({
	at: z.iso.datetime({ offset: true }).nullable(),
	mode: z.enum(['frozen', 'running']).default('frozen'),
})
const sessionSchema = z.object({ email: z.email() })

export async function action({ request, params }: Route.ActionArgs) {
	guard()
	const path = params['*'] ?? ''
	const body: unknown = await request.json()
	if (path === 'clock') {
		const { at, mode } = clockSchema.parse(body)
		setClock(at ? new Date(at) : null, mode)
		return Response.json(clockDescription())
	}
	if (path === 'session') {
		const { email } = sessionSchema.parse(body)
		const user = await db.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } })
		const cookie = await createSession(user.id, request)
		return Response.json({ userId: user.id, cookie: cookie.split(';')[0] })
	}
	if (path.startsWith('fixtures/')) {
		// Loaded here and only here, with the hooks on: the fixtures are a chunk of their own that a
		// production server never loads (issue 11).
		const { testFixtures } = await import('#app/lib/test-fixtures/index.server.ts')
		const fixture = testFixtures[path.slice('fixtures/'.length)]
		if (fixture) return Response.json(await fixture(body))
	}
	notFound()
}
