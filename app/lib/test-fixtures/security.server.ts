// Fixtures for the security regression tests (issue 15): send one person's queued mail to a real
// SMTP server the test runs (the worker's own code, so the test sees what a recipient gets), and
// the server's process id (the body-limit test reads its memory from /proc/<pid>/status).
import { z } from 'zod'
import { createMailTransport, drainOutbox } from '#app/services/mail/worker.server.ts'
import type { Fixture } from './types.ts'

const sendInput = z.object({ smtpUrl: z.string().regex(/^smtp:\/\/(127\.0\.0\.1|localhost):\d+$/), to: z.email() })

export const securityFixtures: Record<string, Fixture> = {
	async 'send-mail'(input) {
		const { smtpUrl, to } = sendInput.parse(input)
		const transport = createMailTransport(smtpUrl)
		try {
			return await drainOutbox(transport, { toAddress: to.toLowerCase() })
		} finally {
			transport.close()
		}
	},
	async 'server-process'() {
		return { pid: process.pid }
	},
}
