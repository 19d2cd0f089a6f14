// The outbox worker against a real SMTP server: every message is delivered once — not lost when
// the server is down, not doubled by a second worker or a crashed one — and failures are kept
// for staff to see and retry.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { storeFile } from '#app/lib/storage.server.ts'
import { enqueueEmail } from '#app/services/mail/outbox.server.ts'
import {
	backoffMs,
	CLAIM_LOCK_MS,
	claimDueEmails,
	createMailTransport,
	drainOutbox,
	MAX_ATTEMPTS,
	retryEmail,
} from '#app/services/mail/worker.server.ts'
import { createUser } from '#test/fixtures/factories.ts'
import { startTestSmtp, type TestSmtp } from '#test/fixtures/mail-smtp.ts'

let smtp: TestSmtp
const t0 = new Date('2035-03-01T09:00:00Z')
const later = (ms: number) => new Date(t0.getTime() + ms)

beforeAll(async () => {
	smtp = await startTestSmtp()
})

afterAll(async () => {
	await smtp.stop()
})

beforeEach(async () => {
	await smtp.start() // a test may have left it stopped
	smtp.received.length = 0
	smtp.refuse.clear()
	await db.outboxEmail.deleteMany()
	setClock(t0)
})

async function enqueue(count: number, prefix: string) {
	const ids: string[] = []
	for (let index = 0; index < count; index++) {
		const id = await enqueueEmail(db, {
			template: 'password_reset',
			to: { address: `${prefix}-${index}@example.nl`, name: `Ontvanger ${index}` },
			data: {
				name: `Ontvanger ${index}`,
				resetUrl: `https://portaal.example/wachtwoord-herstellen/${prefix}${index}`,
				validMinutes: 60,
			},
		})
		ids.push(id as string)
	}
	return ids
}

const transport = () => createMailTransport(smtp.url)

describe('outbox worker', () => {
	it('sends due messages once, with their attachment, headers and a stable Message-ID', async () => {
		const pdf = Buffer.from('%PDF-1.4 test attachment')
		const file = await storeFile({
			kind: 'invoice',
			providerId: null,
			originalName: 'factuur.pdf',
			mimeType: 'application/pdf',
			bytes: pdf,
		})
		const [id] = await Promise.all([
			enqueueEmail(db, {
				template: 'password_reset',
				to: { address: 'Anna@Example.nl', name: 'Anna de Vries' },
				data: {
					name: 'Anna de Vries',
					resetUrl: 'https://portaal.example/wachtwoord-herstellen/abc',
					validMinutes: 60,
				},
				attachments: [{ filename: 'factuur-KIBG-F-2035-0001.pdf', fileId: file.id }],
			}),
		])
		await enqueue(2, 'plain')

		const result = await drainOutbox(transport(), { from: 'Keurmerk Basis GGZ <keurmerk@kibg.test>' })
		expect(result).toEqual({ sent: 3, retried: 0, failed: 0 })
		expect(smtp.received).toHaveLength(3)
		const anna = smtp.received.find((mail) => mail.to.includes('anna@example.nl'))
		expect(anna?.subject).toBe('Nieuw wachtwoord instellen voor het Keurmerkportaal')
		expect(anna?.mail.text).toContain('Beste Anna de Vries,')
		expect(anna?.mail.html).toContain('https://portaal.example/wachtwoord-herstellen/abc')
		expect(anna?.template).toBe('password_reset')
		expect(anna?.mail.headers.get('auto-submitted')).toBe('auto-generated')
		expect(anna?.mail.from?.text).toContain('keurmerk@kibg.test')
		expect(anna?.mail.messageId).toBe(`<${id}@localhost>`)
		expect(anna?.mail.attachments).toHaveLength(1)
		expect(anna?.mail.attachments[0]?.filename).toBe('factuur-KIBG-F-2035-0001.pdf')
		expect(anna?.mail.attachments[0]?.content.equals(pdf)).toBe(true)

		const rows = await db.outboxEmail.findMany()
		expect(
			rows.every(
				(row) => row.status === 'sent' && row.attempts === 1 && row.sentAt && row.messageId && !row.lockedUntil,
			),
		).toBe(true)
		// Nothing is due any more: a second pass sends nothing.
		expect(await drainOutbox(transport())).toEqual({ sent: 0, retried: 0, failed: 0 })
		expect(smtp.received).toHaveLength(3)
	})

	it('keeps every message while the SMTP server is down and sends each once when it is back', async () => {
		await smtp.stop()
		await enqueue(5, 'outage')

		const down = await drainOutbox(transport())
		expect(down).toEqual({ sent: 0, retried: 5, failed: 0 })
		const waiting = await db.outboxEmail.findMany()
		expect(waiting).toHaveLength(5)
		for (const row of waiting) {
			expect(row.status).toBe('pending')
			expect(row.attempts).toBe(1)
			expect(row.lastError).toMatch(/ECONNREFUSED|connect/i)
			expect(row.nextAttemptAt.getTime()).toBe(later(backoffMs(1)).getTime())
		}
		// Not due yet: the back-off holds even though the server is back.
		await smtp.start()
		expect(await drainOutbox(transport())).toEqual({ sent: 0, retried: 0, failed: 0 })

		setClock(later(backoffMs(1)))
		expect(await drainOutbox(transport())).toEqual({ sent: 5, retried: 0, failed: 0 })
		expect(await drainOutbox(transport())).toEqual({ sent: 0, retried: 0, failed: 0 })
		const recipients = smtp.received.flatMap((mail) => mail.to).sort()
		expect(recipients).toEqual([0, 1, 2, 3, 4].map((index) => `outage-${index}@example.nl`))
		const sent = await db.outboxEmail.findMany()
		expect(sent.every((row) => row.status === 'sent' && row.attempts === 2)).toBe(true)
	})

	it('gives a crashed sender’s claims back after the lock expires, and sends them once', async () => {
		await enqueue(2, 'crash')
		// A worker claims the messages and dies before sending.
		const claimed = await claimDueEmails(t0, 10)
		expect(claimed).toHaveLength(2)
		expect(await drainOutbox(transport())).toEqual({ sent: 0, retried: 0, failed: 0 })
		setClock(later(CLAIM_LOCK_MS + 1))
		expect(await drainOutbox(transport())).toEqual({ sent: 2, retried: 0, failed: 0 })
		expect(smtp.received).toHaveLength(2)
	})

	it('never sends a message twice when several workers drain at once', async () => {
		await enqueue(12, 'parallel')
		const results = await Promise.all([
			drainOutbox(transport(), { batchSize: 3 }),
			drainOutbox(transport(), { batchSize: 3 }),
			drainOutbox(transport(), { batchSize: 3 }),
		])
		expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(12)
		const recipients = smtp.received.flatMap((mail) => mail.to)
		expect(recipients).toHaveLength(12)
		expect(new Set(recipients).size).toBe(12)
	})

	it('fails a refused recipient at once, keeps the error for staff, and sends it after a retry by hand', async () => {
		smtp.refuse.add('weg@example.nl')
		const id = (await enqueueEmail(db, {
			template: 'password_reset',
			to: { address: 'weg@example.nl' },
			data: { name: 'X', resetUrl: 'https://portaal.example/r', validMinutes: 60 },
		})) as string
		expect(await drainOutbox(transport())).toEqual({ sent: 0, retried: 0, failed: 1 })
		const failed = await db.outboxEmail.findUniqueOrThrow({ where: { id } })
		expect(failed.status).toBe('failed')
		expect(failed.attempts).toBe(1)
		expect(failed.lastError).toMatch(/550|Mailbox unavailable/)

		smtp.refuse.clear()
		const admin = await createUser({ staffRole: 'admin' })
		expect(await retryEmail(id, { type: 'staff', userId: admin.id })).toBe(true)
		expect(await retryEmail(id, { type: 'staff', userId: admin.id })).toBe(false)
		expect(await drainOutbox(transport())).toEqual({ sent: 1, retried: 0, failed: 0 })
		expect(smtp.received.map((mail) => mail.to[0])).toEqual(['weg@example.nl'])
		const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'mail.retry', entityId: id } })
		expect(audit.actorUserId).toBe(admin.id)
	})

	it('backs off exponentially and gives up after the last attempt', async () => {
		await smtp.stop()
		const [id] = await enqueue(1, 'down')
		let at = t0
		for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			setClock(at)
			const result = await drainOutbox(transport())
			expect(result.sent).toBe(0)
			const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } })
			expect(row.attempts).toBe(attempt)
			if (attempt < MAX_ATTEMPTS) {
				expect(row.status).toBe('pending')
				expect(row.nextAttemptAt.getTime() - at.getTime()).toBe(backoffMs(attempt))
				at = row.nextAttemptAt
			} else {
				expect(row.status).toBe('failed')
			}
		}
		expect([1, 2, 3, 9, 12].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 4 * 3_600_000, 4 * 3_600_000])
	})
})
