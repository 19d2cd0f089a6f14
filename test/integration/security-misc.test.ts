// Issue 15 (the rest of finding 7): a script's save meets a clear 401 in JSON when the session is
// gone (never the login page's HTML); downloads are attachments with a safe name and a sandboxing
// CSP; a signed-in response is `no-store` whatever the route set. The same at the HTTP level
// against the production server: test/e2e/security-session.spec.ts.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#app/lib/db.server.ts'
import { serializeLocaleCookie } from '#app/lib/locale.server.ts'
import { storeFile } from '#app/lib/storage.server.ts'
import { TINY_PDF } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import * as signedInAgainRoute from '#app/routes/auth/signed-in-again.tsx'
import * as autosaveRoute from '#app/routes/provider/self-evaluation/autosave.ts'
import * as providerDocumentRoute from '#app/routes/provider/self-evaluation/document.ts'
import * as uploadRoute from '#app/routes/provider/self-evaluation/upload.ts'
import * as staffDocumentRoute from '#app/routes/staff/document.ts'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { noRepeatedHeaders, noStoreWhenSignedIn } from '#server/no-store.ts'
import { createUser } from '#test/fixtures/factories.ts'
import { formRequest, getRequest, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'
import { listedProvider, multipartRequest, TEMPLATE_KEY, TEXT_KEY } from './self-evaluation-helpers.ts'

const year = 2087

async function storedText(participationId: string): Promise<string | null> {
	const loaded = await loadNormSet(year)
	const answer = await db.answer.findFirst({
		where: { round: { participationId }, evidenceItemId: loaded!.evidenceIds.get(TEXT_KEY)! },
	})
	return answer?.text ?? null
}

describe('autosave when the session is gone', () => {
	it('answers 401 with a code and a Dutch (or English) message, stores nothing; a live session saves', async () => {
		const context = await listedProvider(year)
		const params = { providerId: context.provider.id, year: String(year) }
		const save = (cookie: string, text: string) =>
			settle(() =>
				autosaveRoute.action(
					routeArgs(
						formRequest(
							`${context.base}/antwoord`,
							{ evidenceKey: TEXT_KEY, [`${TEXT_KEY}:version`]: '0', [`${TEXT_KEY}:text`]: text },
							cookie,
						),
						params,
					),
				),
			)

		// Revoked (logged out elsewhere, expired and purged): the cookie names no session any more.
		await db.session.deleteMany({ where: { userId: context.user.id } })
		const english = (await serializeLocaleCookie('en')).split(';')[0]
		for (const [cookie, language] of [
			[context.cookie, 'nl'],
			[`${context.cookie}; ${english}`, 'en'],
		] as const) {
			const { response } = await save(cookie, 'Tekst na het einde van de sessie')
			expect(response?.status).toBe(401)
			expect(response?.headers.get('Content-Type')).toContain('application/json')
			expect(response?.headers.get('Cache-Control')).toBe('no-store')
			const body = (await response!.json()) as { ok: boolean; reason: string; code: string; message: string }
			expect(body).toMatchObject({ ok: false, reason: 'session', code: 'session_ended' })
			expect(body.message).toContain(language === 'nl' ? 'niet meer ingelogd' : 'no longer logged in')
		}
		expect(await storedText(context.participationId)).toBeNull()

		// The same member with a new session saves (the refusal above was the session, nothing else).
		const fresh = await sessionCookieFor(context.user.id)
		const { response } = await save(fresh, 'Tekst na opnieuw inloggen')
		expect(response?.status).toBe(200)
		expect(await storedText(context.participationId)).toBe('Tekst na opnieuw inloggen')
	})

	it('the upload endpoint answers the same 401 in JSON', async () => {
		const context = await listedProvider(year)
		await db.session.deleteMany({ where: { userId: context.user.id } })
		const { response } = await settle(() =>
			uploadRoute.action(
				routeArgs(
					multipartRequest(
						`${context.base}/document?upload=${encodeURIComponent(TEMPLATE_KEY)}`,
						{ file: new File([TINY_PDF], 'plan.pdf', { type: 'application/pdf' }) },
						context.cookie,
					),
					{ providerId: context.provider.id, year: String(year) },
				),
			),
		)
		expect(response?.status).toBe(401)
		expect(await response!.json()).toMatchObject({ ok: false, code: 'session_ended' })
	})

	it('/weer-ingelogd sends an anonymous visitor to the login, and greets a signed-in one', async () => {
		const anonymous = await settle(() => signedInAgainRoute.loader(routeArgs(getRequest('/weer-ingelogd'))))
		expect(anonymous.response?.status).toBe(302)
		expect(anonymous.response?.headers.get('Location')).toBe('/inloggen?redirectTo=%2Fweer-ingelogd')
		const context = await listedProvider(year)
		const signedIn = await settle(() =>
			signedInAgainRoute.loader(routeArgs(getRequest('/weer-ingelogd', context.cookie))),
		)
		expect(signedIn.value).toEqual({ home: `/aanbieder/${context.provider.id}` })
	})
})

describe('downloads', () => {
	function expectSafeDownload(response: Response | undefined, asciiName: string, encodedName: string) {
		expect(response?.status).toBe(200)
		const disposition = response?.headers.get('Content-Disposition') ?? ''
		expect(disposition).toBe(`attachment; filename="${asciiName}"; filename*=UTF-8''${encodedName}`)
		expect(response?.headers.get('X-Content-Type-Options')).toBe('nosniff')
		expect(response?.headers.get('Content-Security-Policy')).toBe("sandbox; default-src 'none'")
		expect(response?.headers.get('Cache-Control')).toBe('private, no-store')
	}

	it('a provider and staff get every upload as an attachment, PDFs too, with a safe name', async () => {
		const context = await listedProvider(year)
		const loaded = await loadNormSet(year)
		const round = await db.selfEvaluationRound.findFirstOrThrow({ where: { participationId: context.participationId } })
		const answer = await db.answer.create({
			data: { roundId: round.id, evidenceItemId: loaded!.evidenceIds.get(TEMPLATE_KEY)! },
		})
		// A name as an attacker would choose it: quotes, a line break, a folder, a non-ASCII sign.
		const file = await storeFile({
			kind: 'template_upload',
			providerId: context.provider.id,
			originalName: '../plan "def"\r\nX-Evil: 1 (€).pdf',
			mimeType: 'application/pdf',
			bytes: TINY_PDF,
		})
		await db.answerDocument.create({ data: { answerId: answer.id, fileId: file.id } })
		const ascii = 'plan _def_X-Evil: 1 (_).pdf'
		const encoded = 'plan%20%22def%22X-Evil%3A%201%20%28%E2%82%AC%29.pdf'

		const provider = await settle(() =>
			providerDocumentRoute.loader(
				routeArgs(getRequest(`${context.base}/documenten/${file.id}`, context.cookie), {
					providerId: context.provider.id,
					year: String(year),
					fileId: file.id,
				}),
			),
		)
		expectSafeDownload(provider.response, ascii, encoded)

		const assessor = await createUser({ staffRole: 'assessor' })
		const assessorCookie = await sessionCookieFor(assessor.id)
		const staff = await settle(() =>
			staffDocumentRoute.loader(
				routeArgs(getRequest(`/medewerkers/documenten/${file.id}`, assessorCookie), {
					fileId: file.id,
				}),
			),
		)
		// Staff once saw PDFs inline; now the browser never renders an upload in the portal's origin.
		expectSafeDownload(staff.response, ascii, encoded)
		expect(
			Buffer.from(await staff.response!.arrayBuffer())
				.subarray(0, 5)
				.toString(),
		).toBe('%PDF-')
	})
})

describe('no-store for signed-in requests', () => {
	let server: Server
	let base: string
	beforeAll(async () => {
		const app = express()
		app.use((_req, res, next) => {
			res.setHeader('X-Content-Type-Options', 'nosniff') // as helmet does
			next()
		})
		app.use(noStoreWhenSignedIn)
		noRepeatedHeaders(app)
		// As the React Router adapter sends a route's headers: appended to what is already set.
		app.get('/public-document', (_req, res) => {
			res.append('Cache-Control', 'public, max-age=300')
			res.append('X-Content-Type-Options', 'nosniff')
			res.append('Content-Security-Policy', "sandbox; default-src 'none'")
			res.send('document')
		})
		app.get('/write-head', (_req, res) => {
			res.writeHead(200, { 'Cache-Control': 'public, max-age=600', 'Content-Type': 'text/plain' })
			res.end('document')
		})
		await new Promise<void>((resolve) => {
			server = app.listen(0, '127.0.0.1', () => resolve())
		})
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	})
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

	it('overrides a route’s own Cache-Control when a session cookie comes along, and leaves it otherwise', async () => {
		for (const path of ['/public-document', '/write-head']) {
			const signedIn = await fetch(`${base}${path}`, { headers: { cookie: 'lang=nl; __session=abc' } })
			expect(signedIn.headers.get('Cache-Control'), path).toBe('no-store')
			const anonymous = await fetch(`${base}${path}`, { headers: { cookie: 'lang=nl; x__session=abc' } })
			expect(anonymous.headers.get('Cache-Control'), path).toMatch(/^public, max-age=\d+$/)
		}
	})

	it('sends a header a route repeats only once (helmet’s nosniff and a download’s own)', async () => {
		const response = await fetch(`${base}/public-document`)
		expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
		expect(response.headers.get('Content-Security-Policy')).toBe("sandbox; default-src 'none'")
	})
})
