// An upload whose check could not be done (the upload-check thread full, dead or out of time) is
// the portal's failure for a moment, not the sender's: 503 with Retry-After, the same Dutch
// message on the form (with and without JavaScript), and nothing stored. It was a 400, which tells
// the sender the file is wrong. Here the portal's real pool is closed, so every check is refused
// as "busy" (app/lib/upload-check-pool.server.ts).
import { beforeAll, describe, expect, it } from 'vitest'
import * as threadRoute from '#app/routes/provider/messages/thread.tsx'
import * as normRoute from '#app/routes/provider/self-evaluation/norm.tsx'
import * as uploadRoute from '#app/routes/provider/self-evaluation/upload.ts'
import { translate } from '#app/i18n/translate.ts'
import { db } from '#app/lib/db.server.ts'
import { uploadCheckPool } from '#app/lib/upload-check-pool.server.ts'
import { UPLOAD_NOT_CHECKED_RETRY_SECONDS } from '#app/lib/upload-refusal.server.ts'
import { createSubmittedParticipation } from '#app/lib/test-fixtures/staff.server.ts'
import { createProviderWithMember } from '#test/fixtures/factories.ts'
import { baseUrl, dataOf, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'
import { TEMPLATE_KEY, listedProvider, multipartRequest, storedOnDisk } from './self-evaluation-helpers.ts'

const year = 2074
const NOT_CHECKED = 'selfEvaluation.uploadNotChecked'

/** The status, headers and data of an action's `data(...)` answer. */
function answer<T>(value: unknown) {
	const { data, status } = dataOf<T>(value)
	return { data, status, headers: new Headers((value as { init?: ResponseInit }).init?.headers) }
}

function uniquePdf(label: string): Uint8Array<ArrayBuffer> {
	return new TextEncoder().encode(`%PDF-1.4\n% ${label} ${Math.random()}\n%%EOF\n`)
}

beforeAll(async () => {
	await uploadCheckPool().close()
})

describe('an upload that could not be checked', () => {
	it('the norm page without JavaScript: 503, Retry-After, the message at the question, nothing stored', async () => {
		const context = await listedProvider(year)
		const bytes = uniquePdf('zonder script')
		const path = `${context.base}/norm/1?upload=${encodeURIComponent(TEMPLATE_KEY)}`
		const request = multipartRequest(
			path,
			{ evidenceKey: TEMPLATE_KEY, file: new File([bytes], 'plan.pdf') },
			context.cookie,
		)
		const { value } = await settle(() =>
			normRoute.action(routeArgs(request, { providerId: context.provider.id, year: String(year), normCode: '1' })),
		)
		const { data, status, headers } = answer<{ upload: { key: string; error: string } }>(value)
		expect(status).toBe(503)
		expect(headers.get('retry-after')).toBe(String(UPLOAD_NOT_CHECKED_RETRY_SECONDS))
		expect(data.upload).toEqual({ key: TEMPLATE_KEY, error: NOT_CHECKED })
		expect(await db.storedFile.count({ where: { providerId: context.provider.id } })).toBe(0)
		expect(storedOnDisk(bytes)).toBe(false)
	})

	it('the upload by script: 503 in JSON with Retry-After and the Dutch message, nothing stored', async () => {
		const context = await listedProvider(year)
		const bytes = uniquePdf('met script')
		const path = `${context.base}/upload?upload=${encodeURIComponent(TEMPLATE_KEY)}`
		const request = multipartRequest(
			path,
			{ evidenceKey: TEMPLATE_KEY, file: new File([bytes], 'plan.pdf') },
			context.cookie,
		)
		const { response } = await settle(() =>
			uploadRoute.action(routeArgs(request, { providerId: context.provider.id, year: String(year) })),
		)
		expect(response?.status).toBe(503)
		expect(response?.headers.get('retry-after')).toBe(String(UPLOAD_NOT_CHECKED_RETRY_SECONDS))
		expect(await response?.json()).toEqual({ ok: false, message: translate('nl', NOT_CHECKED) })
		expect(await db.storedFile.count({ where: { providerId: context.provider.id } })).toBe(0)
		expect(storedOnDisk(bytes)).toBe(false)
	})

	it('a message with an attachment: 503 with Retry-After, the text kept, no message and no file stored', async () => {
		const { provider, user } = await createProviderWithMember({ canSign: true })
		const participationId = await createSubmittedParticipation({ year, providerId: provider.id })
		const bytes = uniquePdf('bijlage')
		const form = new FormData()
		form.append('body', 'Zie de bijlage.')
		form.append('attachments', new File([bytes], 'bijlage.pdf'))
		const request = new Request(`${baseUrl}/aanbieder/${provider.id}/berichten/${year}`, {
			method: 'POST',
			body: form,
			headers: { cookie: await sessionCookieFor(user.id) },
		})
		const { value } = await settle(() =>
			threadRoute.action(routeArgs(request, { providerId: provider.id, year: String(year) })),
		)
		const { data, status, headers } = answer<{ fieldErrors: Record<string, string[]>; values: { body: string } }>(value)
		expect(status).toBe(503)
		expect(headers.get('retry-after')).toBe(String(UPLOAD_NOT_CHECKED_RETRY_SECONDS))
		expect(data.fieldErrors.attachments).toEqual([NOT_CHECKED])
		expect(data.values.body).toBe('Zie de bijlage.')
		expect(await db.participationMessage.count({ where: { participationId } })).toBe(0)
		expect(storedOnDisk(bytes)).toBe(false)
	})
})
