// The autosave answered straight from Express (server/autosave-route.ts, issue 17) over real HTTP
// and the real database: it must answer exactly as the route does through React Router — saved,
// conflict, no session, another provider's URL, bad input in Dutch, a body over the cap — and
// leave every other request to React Router.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { allEvidence } from '#app/domain/norm-set.ts'
import { db, getDatabase } from '#app/lib/db.server.ts'
import { translate } from '#app/i18n/translate.ts'
import { MAX_FORM_BODY_BYTES } from '#app/lib/forms.ts'
import { heldNormSet, loadNormSet, normSetVersion } from '#app/services/norm-sets.server.ts'
import { registerVersion } from '#app/services/register-cache.server.ts'
import { saveAnswer } from '#app/services/self-evaluation.server.ts'
import { setUserLocale } from '#app/services/users.server.ts'
import { autosaveRoute } from '#server/autosave-route.ts'
import { rateLimitTiers } from '#server/rate-limit-tiers.ts'
import { requestTiers } from '#app/domain/throttle-policy.ts'
import { recentSessionRow, rememberSessionRow, sessionIdFromCookie, sessionRowEpoch } from '#app/lib/session.server.ts'
import { writeGuard } from '#app/lib/write-guard.server.ts'
import { action } from '#app/routes/provider/self-evaluation/autosave.ts'
import { TEXT_KEY, listedProvider, multipartRequest } from './self-evaluation-helpers.ts'
import { recordRawStatements } from '#test/fixtures/raw-statements.ts'

const year = 2074
let base = ''
let close: () => void = () => undefined

beforeAll(async () => {
	const app = express()
	app.use(autosaveRoute(() => ({ cspNonce: '', clientIp: '127.0.0.1' })))
	// Whatever the fast path leaves alone would reach React Router: here a marker.
	app.use((_req, res) => void res.status(299).type('text/plain').send('React Router'))
	const server = app.listen(0)
	await new Promise((resolve) => server.once('listening', resolve))
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	close = () => server.close()
})
afterAll(() => close())

type Context = Awaited<ReturnType<typeof listedProvider>>

async function save(context: Context, fields: Record<string, string>, cookie = context.cookie, path = context.base) {
	const body = new FormData()
	for (const [name, value] of Object.entries(fields)) body.set(name, value)
	const response = await fetch(`${base}${path}/antwoord`, { method: 'POST', headers: { cookie }, body })
	const text = await response.text()
	return {
		status: response.status,
		type: response.headers.get('content-type'),
		cacheControl: response.headers.get('cache-control'),
		length: response.headers.get('content-length'),
		body: response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : text,
	}
}

const textFields = (version: number, text: string) => ({
	evidenceKey: TEXT_KEY,
	[`${TEXT_KEY}:version`]: String(version),
	[`${TEXT_KEY}:text`]: text,
})

async function stored(context: Context) {
	const answer = await db.answer.findFirst({
		where: { round: { participationId: context.participationId }, evidenceItem: { key: TEXT_KEY } },
		select: { text: true, version: true },
	})
	return answer ? [answer.text, answer.version] : null
}

/** The member's writes counted by the per-user write limit so far. */
async function userWrites(context: Context) {
	return (await db.rateLimit.findUniqueOrThrow({ where: { key: `tier:user:${context.user.id}` } })).count
}

describe('the autosave fast path', () => {
	it('saves, then refuses a stale version with 409 and the current answer', async () => {
		const context = await listedProvider(year)
		const first = await save(context, textFields(0, 'Eerste versie 😀\nmet een nieuwe regel.'))
		expect(first).toMatchObject({
			status: 200,
			cacheControl: 'no-store',
			body: { ok: true, version: 1, savedTime: '10:00' },
		})
		// One piece with its length (no chunked stream).
		expect(Number(first.length)).toBeGreaterThan(0)
		expect(await save(context, textFields(1, 'Tweede versie.'))).toMatchObject({
			status: 200,
			body: { ok: true, version: 2 },
		})
		const stale = await save(context, textFields(1, 'Een late wijziging.'))
		expect(stale).toMatchObject({
			status: 409,
			body: { ok: false, reason: 'conflict', current: { text: 'Tweede versie.', version: 2 } },
		})
		expect(await stored(context)).toEqual(['Tweede versie.', 2])
	})

	it('answers as the route’s own action answers through React Router: status, type, caching and body', async () => {
		const context = await listedProvider(year)
		await save(context, textFields(0, 'Opgeslagen.'))
		// Answers that leave nothing changed, so both ways meet the same state: a stale version
		// (409 with the current answer) and a question the norm set does not hold (400, in Dutch).
		for (const fields of [textFields(0, 'Te laat.'), { ...textFields(1, 'Onbekend.'), evidenceKey: 'geen-vraag' }]) {
			const fast = await save(context, fields)
			const viaAction = await action({
				request: multipartRequest(`${context.base}/antwoord`, fields, context.cookie),
				params: { providerId: context.provider.id, year: String(year) },
				context: { cspNonce: '', clientIp: '127.0.0.1' },
			} as Parameters<typeof action>[0])
			const text = await viaAction.text()
			expect(fast).toEqual({
				status: viaAction.status,
				type: viaAction.headers.get('content-type'),
				cacheControl: viaAction.headers.get('cache-control'),
				length: String(Buffer.byteLength(text)),
				body: JSON.parse(text) as unknown,
			})
			expect([409, 400]).toContain(fast.status)
		}
		expect(await stored(context)).toEqual(['Opgeslagen.', 1])
	})

	it('answers 401 in JSON without a session, and 404 on another provider’s URL, storing nothing', async () => {
		const context = await listedProvider(year)
		const other = await listedProvider(year)
		const anonymous = await save(context, textFields(0, 'Zonder sessie.'), '')
		expect(anonymous).toMatchObject({ status: 401, body: { ok: false, reason: 'session', code: 'session_ended' } })
		// A member of `other` posting to this provider's autosave.
		const foreign = await save(context, textFields(0, 'Van een ander.'), other.cookie)
		expect(foreign.status).toBe(404)
		expect(await stored(context)).toBeNull()
	})

	it('refuses bad input with 400 and a Dutch message, storing nothing', async () => {
		const context = await listedProvider(year)
		const unknown = await save(context, { ...textFields(0, 'Tekst.'), evidenceKey: 'bestaat.niet' })
		expect(unknown).toMatchObject({
			status: 400,
			body: { ok: false, reason: 'invalid', message: translate('nl', 'selfEvaluation.unknownQuestion') },
		})
		expect(await save(context, textFields(0, 'x'.repeat(20_001)))).toMatchObject({
			status: 400,
			body: { ok: false, reason: 'invalid', message: translate('nl', 'selfEvaluation.errorTooLong') },
		})
		expect(await save(context, { evidenceKey: TEXT_KEY, [`${TEXT_KEY}:text`]: 'Tekst.' })).toMatchObject({
			status: 400,
			body: { ok: false, reason: 'invalid', message: translate('nl', 'selfEvaluation.versionMissing') },
		})
		// Beyond the integer column (a 500 from the database before; found by the fuzz).
		expect(
			await save(context, { ...textFields(0, 'Tekst.'), [`${TEXT_KEY}:version`]: '9007199254740993' }),
		).toMatchObject({
			status: 400,
			body: { ok: false, reason: 'invalid', message: translate('nl', 'selfEvaluation.versionMissing') },
		})
		expect(await save(context, textFields(0, 'Met een NUL\u0000 erin.'))).toMatchObject({
			status: 400,
			body: { ok: false, reason: 'invalid', message: translate('nl', 'errors.controlCharacter') },
		})
		expect(await stored(context)).toBeNull()
	})

	it('cuts off a body without a declared length over the cap (413)', async () => {
		const context = await listedProvider(year)
		// A form that would save, then padding in a field nobody reads, past the cap.
		const start = new TextEncoder().encode(`${new URLSearchParams(textFields(0, 'Te groot.')).toString()}&opvulling=`)
		const chunk = new TextEncoder().encode('x'.repeat(64 * 1024))
		let sent = 0
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent === 0) {
					sent += start.byteLength
					return controller.enqueue(start)
				}
				if (sent > MAX_FORM_BODY_BYTES + chunk.byteLength) return controller.close()
				sent += chunk.byteLength
				controller.enqueue(chunk)
			},
		})
		const response = await fetch(`${base}${context.base}/antwoord`, {
			method: 'POST',
			headers: { cookie: context.cookie, 'content-type': 'application/x-www-form-urlencoded' },
			body,
			duplex: 'half',
		} as RequestInit).catch(() => null)
		// The server answers 413 and stops reading; the client may see the answer or a reset.
		if (response) expect(response.status).toBe(413)
		expect(await stored(context)).toBeNull()
	})

	it('refuses a declared length over the cap with 413, storing nothing', async () => {
		const context = await listedProvider(year)
		// A form that would save, padded past the cap in a field nobody reads.
		const form = new URLSearchParams({ ...textFields(0, 'Te groot.'), opvulling: 'x'.repeat(MAX_FORM_BODY_BYTES) })
		const response = await fetch(`${base}${context.base}/antwoord`, {
			method: 'POST',
			headers: { cookie: context.cookie, 'content-type': 'application/x-www-form-urlencoded' },
			body: new TextEncoder().encode(form.toString()),
		})
		expect(response.status).toBe(413)
		expect(await response.text()).toBe('Te veel gegevens verstuurd.')
		expect(await stored(context)).toBeNull()
	})

	it('checks the session before it reads the body: no session and a body over the cap is a 401', async () => {
		const context = await listedProvider(year)
		const response = await fetch(`${base}${context.base}/antwoord`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new TextEncoder().encode(`opvulling=${'x'.repeat(MAX_FORM_BODY_BYTES)}`),
		})
		expect(response.status).toBe(401)
	})

	it('answers 400 to a body that is no form, storing nothing', async () => {
		const context = await listedProvider(year)
		for (const [type, body] of [
			['application/json', JSON.stringify(textFields(0, 'Als JSON.'))],
			['multipart/form-data; boundary=grens', '--grens\r\nkapot'],
			['text/plain', new URLSearchParams(textFields(0, 'Als tekst.')).toString()],
		] as const) {
			const response = await fetch(`${base}${context.base}/antwoord`, {
				method: 'POST',
				headers: { cookie: context.cookie, 'content-type': type },
				body,
			})
			expect(response.status).toBe(400)
			expect(await response.text()).toBe('Ongeldig verzoek: geen formulier.')
		}
		expect(await stored(context)).toBeNull()
	})

	it('reads a URL-encoded body as the Fetch parser did: emoji, newlines, + and % escapes', async () => {
		const context = await listedProvider(year)
		const post = (body: string, cookie = context.cookie) =>
			fetch(`${base}${context.base}/antwoord`, {
				method: 'POST',
				headers: { cookie, 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
				body,
			})
		const text = 'Cliënt 😀\nregel 2\r\n1 + 1 = 2, 50% & meer'
		// As a browser encodes it (URLSearchParams: + for a space, %2B for +, %25 for %).
		const first = await post(new URLSearchParams(textFields(0, text)).toString())
		expect(first.status).toBe(200)
		// Stored with its CRLF as LF (answer-fields.ts), as before.
		expect(await stored(context)).toEqual([text.replace('\r\n', '\n'), 1])
		// Raw UTF-8 and a raw newline, as a script might send them.
		const raw = `evidenceKey=${TEXT_KEY}&${TEXT_KEY}:version=1&${TEXT_KEY}:text=Cliënt 😀\nrauw+en+%2B`
		expect((await post(raw)).status).toBe(200)
		expect(await stored(context)).toEqual(['Cliënt 😀\nrauw en +', 2])
		// A forbidden control character (escaped or raw): refused on its field, nothing stored.
		for (const nul of ['%00', '\u0000']) {
			const refused = await post(`evidenceKey=${TEXT_KEY}&${TEXT_KEY}:version=2&${TEXT_KEY}:text=NUL${nul}erin`)
			expect(refused.status).toBe(400)
			expect(await refused.json()).toEqual({
				ok: false,
				reason: 'invalid',
				message: translate('nl', 'errors.controlCharacter'),
			})
		}
		expect(await stored(context)).toEqual(['Cliënt 😀\nrauw en +', 2])
	})

	it('reads a multipart body cut into small pieces as it arrives', async () => {
		const context = await listedProvider(year)
		const form = new FormData()
		for (const [name, value] of Object.entries(textFields(0, 'In stukjes 😀 + 50%.'))) form.set(name, value)
		const sent = new Request('http://localhost/', { method: 'POST', body: form })
		const bytes = new Uint8Array(await sent.arrayBuffer())
		let at = 0
		const body = new ReadableStream<Uint8Array>({
			async pull(controller) {
				if (at >= bytes.byteLength) return controller.close()
				await new Promise((resolve) => setTimeout(resolve, 1))
				controller.enqueue(bytes.slice(at, (at += 5)))
			},
		})
		const response = await fetch(`${base}${context.base}/antwoord`, {
			method: 'POST',
			headers: { cookie: context.cookie, 'content-type': sent.headers.get('content-type') ?? '' },
			body,
			duplex: 'half',
		} as RequestInit)
		expect(response.status).toBe(200)
		expect(await stored(context)).toEqual(['In stukjes 😀 + 50%.', 1])
	})

	it('leaves every other request to React Router', async () => {
		const context = await listedProvider(year)
		const get = await fetch(`${base}${context.base}/antwoord`, { headers: { cookie: context.cookie } })
		expect(get.status).toBe(299)
		const elsewhere = await fetch(`${base}${context.base}/controle`, {
			method: 'POST',
			headers: { cookie: context.cookie },
		})
		expect(elsewhere.status).toBe(299)
		const trailing = await fetch(`${base}${context.base}/antwoord/`, {
			method: 'POST',
			headers: { cookie: context.cookie },
		})
		expect(trailing.status).toBe(299)
	})
})

describe('the norm set held without asking the database (issue 17)', () => {
	it('never writes with a norm set that changed meanwhile: the save is decided again with the current one', async () => {
		const context = await listedProvider(year)
		const current = await loadNormSet(year)
		if (!current) throw new Error('Geen normen')
		const other = allEvidence(current.normSet)
			.map(({ item }) => item)
			.find((item) => item.kind === 'explanation' && !item.choices && item.key !== TEXT_KEY)
		if (!other) throw new Error('Geen tweede toelichting')
		const actor = { type: 'provider' as const, userId: context.user.id }
		const first = (key: string, text: string) =>
			saveAnswer(actor, {
				providerId: context.provider.id,
				year,
				evidenceKey: key,
				expectedVersion: 0,
				value: { text },
			})
		await first(TEXT_KEY, 'Toelichting.')
		await first(other.key, 'Andere toelichting.')
		// What another instance's change could leave in this process: the key now names the other
		// item's row, read at a register version that is no longer current.
		const stale = {
			...current,
			evidenceIds: new Map(current.evidenceIds).set(TEXT_KEY, current.evidenceIds.get(other.key) ?? ''),
		}
		const saved = await saveAnswer(
			actor,
			{ providerId: context.provider.id, year, evidenceKey: TEXT_KEY, expectedVersion: 1, value: { text: 'Nieuw.' } },
			stale,
			'een-oude-versie.0',
		)
		expect(saved).toMatchObject({ ok: true, version: 2 })
		expect(await stored(context)).toEqual(['Nieuw.', 2])
		const untouched = await db.answer.findFirst({
			where: { round: { participationId: context.participationId }, evidenceItem: { key: other.key } },
			select: { text: true, version: true },
		})
		expect(untouched).toEqual({ text: 'Andere toelichting.', version: 1 })
	})

	it('saves over HTTP after the norm sets changed, and holds the current version afterwards', async () => {
		const context = await listedProvider(year)
		expect((await save(context, textFields(0, 'Een.'))).status).toBe(200)
		expect(heldNormSet(year)?.version).toBe(await normSetVersion())
		// Another instance's change to a norm set moves the version.
		await db.$executeRaw`UPDATE "NormSetVersion" SET "version" = "version" + 1 WHERE "id" = 1`
		expect(await save(context, textFields(1, 'Twee.'))).toMatchObject({ status: 200, body: { ok: true, version: 2 } })
		expect(heldNormSet(year)?.version).toBe(await normSetVersion())
		expect(await save(context, textFields(2, 'Drie.'))).toMatchObject({ status: 200, body: { ok: true, version: 3 } })
		expect(await stored(context)).toEqual(['Drie.', 3])
	})

	it('keeps the held norm set across a change to the register (a colleague elsewhere submits)', async () => {
		const context = await listedProvider(year)
		const other = await listedProvider(year)
		expect((await save(context, textFields(0, 'Een.'))).status).toBe(200)
		const held = heldNormSet(year)?.version
		const register = await registerVersion()
		// At the deadline every submission moves the register's version; the norm sets are unchanged.
		await db.selfEvaluationRound.updateMany({
			where: { participationId: other.participationId },
			data: { status: 'submitted', submittedAt: new Date() },
		})
		expect(await registerVersion()).not.toBe(register)
		const client = getDatabase().prisma
		const transactions = vi.spyOn(client, '$transaction')
		try {
			expect(await save(context, textFields(1, 'Twee.'))).toMatchObject({ status: 200, body: { ok: true, version: 2 } })
			// Keyed by the register's version, this save took the slow way: a transaction of three statements.
			expect(transactions).not.toHaveBeenCalled()
		} finally {
			transactions.mockRestore()
		}
		expect(heldNormSet(year)?.version).toBe(held)
		expect(await stored(context)).toEqual(['Twee.', 2])
	})

	it('moves the content version of the norm sets with every change to what the norm set is read from, once per transaction', async () => {
		const before = await normSetVersion()
		const [token, counter] = before.split('.')
		const set = await db.normSet.findUniqueOrThrow({ where: { year }, select: { id: true } })
		await db.$transaction(async (tx) => {
			await tx.normSet.update({ where: { id: set.id }, data: { title: 'Een nieuwe titel' } })
			await tx.evidenceItem.updateMany({ where: { normSetId: set.id, key: TEXT_KEY }, data: { help: 'Hulp.' } })
		})
		expect(await normSetVersion()).toBe(`${token}.${Number(counter) + 1}`)
		await db.markYear.update({ where: { year }, data: { markName: 'Keurmerk Basis GGZ' } })
		expect(await normSetVersion()).toBe(`${token}.${Number(counter) + 2}`)
		// Answers and rounds are not the norm set's.
		const context = await listedProvider(year)
		await db.selfEvaluationRound.updateMany({
			where: { participationId: context.participationId },
			data: { status: 'submitted', submittedAt: new Date() },
		})
		expect(await normSetVersion()).toBe(`${token}.${Number(counter) + 2}`)
	})
})

describe('the write limit and the session in one round trip (issue 17)', () => {
	let limited = ''
	let closeLimited: () => void = () => undefined

	beforeAll(async () => {
		const app = express()
		app.set('trust proxy', 'loopback')
		// As in server/app.ts: the write limit (its statement also reads the session), then the route.
		app.use(rateLimitTiers)
		app.use(autosaveRoute(() => ({ cspNonce: '', clientIp: '127.0.0.1' })))
		const server = app.listen(0)
		await new Promise((resolve) => server.once('listening', resolve))
		limited = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
		closeLimited = () => server.close()
	})
	afterAll(() => closeLimited())

	function formOf(fields: Record<string, string>) {
		const body = new FormData()
		for (const [name, value] of Object.entries(fields)) body.set(name, value)
		return body
	}

	async function statusOf(context: Context, fields: Record<string, string>) {
		const init = { method: 'POST', headers: { cookie: context.cookie }, body: formOf(fields) }
		return (await fetch(`${limited}${context.base}/antwoord`, init)).status
	}

	async function post(context: Context, fields: Record<string, string>, cookie = context.cookie) {
		const body = new FormData()
		for (const [name, value] of Object.entries(fields)) body.set(name, value)
		const response = await fetch(`${limited}${context.base}/antwoord`, { method: 'POST', headers: { cookie }, body })
		return { status: response.status, body: (await response.json()) as Record<string, unknown> }
	}

	/** The SQL of every raw query sent while `run` runs (the session lookup and the limit are raw). */
	async function statements(run: () => Promise<unknown>): Promise<string[]> {
		const raw = recordRawStatements()
		try {
			await run()
			return raw.texts()
		} finally {
			raw.restore()
		}
	}

	it('saves with one statement that counts the write and reads the session', async () => {
		const context = await listedProvider(year)
		const sent = await statements(async () => {
			expect(await post(context, textFields(0, 'Met één ronde.'))).toMatchObject({ status: 200, body: { ok: true } })
		})
		const asking = sent.filter((sql) => sql.includes('"Session"'))
		// Before: the limit's statement and then the route's own session lookup.
		expect(asking).toHaveLength(1)
		expect(asking[0]).toContain('"RateLimit"')
		expect(await stored(context)).toEqual(['Met één ronde.', 1])
	})

	it('makes a first answer in one statement, without a transaction (the embedded database runs one at a time)', async () => {
		const context = await listedProvider(year)
		// The process takes up the current norm set, as the first save after any change to it does
		// (the tests above), so this save meets the fast path.
		await loadNormSet(year)
		expect(heldNormSet(year)?.version).toBe(await normSetVersion())
		const client = getDatabase().prisma
		const transactions = vi.spyOn(client, '$transaction')
		try {
			const sent = await statements(async () => {
				expect(await post(context, textFields(0, 'Eerste keer.'))).toMatchObject({
					status: 200,
					body: { ok: true, version: 1 },
				})
			})
			expect(sent.filter((sql) => sql.includes('INSERT INTO "Answer"'))).toHaveLength(1)
			expect(transactions).not.toHaveBeenCalled()
		} finally {
			transactions.mockRestore()
		}
		const answer = await db.answer.findFirstOrThrow({
			where: { round: { participationId: context.participationId }, evidenceItem: { key: TEXT_KEY } },
		})
		expect(answer).toMatchObject({ text: 'Eerste keer.', version: 1, prefill: 'none', updatedById: context.user.id })
		expect(answer.id).toMatch(/^c[a-z0-9]{24}$/)
		// A second first save (a colleague who had not seen it) is a conflict with the stored answer.
		expect(await post(context, textFields(0, 'Ook een eerste keer.'))).toMatchObject({
			status: 409,
			body: { ok: false, reason: 'conflict', current: { text: 'Eerste keer.', version: 1 } },
		})
		expect(await stored(context)).toEqual(['Eerste keer.', 1])
	})

	it('makes no first answer in a round that is no longer a draft', async () => {
		const context = await listedProvider(year)
		await db.selfEvaluationRound.updateMany({
			where: { participationId: context.participationId },
			data: { status: 'submitted' },
		})
		expect(await post(context, textFields(0, 'Te laat.'))).toMatchObject({ status: 409, body: { reason: 'frozen' } })
		expect(await db.answer.count({ where: { round: { participationId: context.participationId } } })).toBe(0)
	})

	it('asks the database on every save: a session ended elsewhere is refused at once', async () => {
		const context = await listedProvider(year)
		expect((await post(context, textFields(0, 'Nog ingelogd.'))).status).toBe(200)
		// Signed out on another instance: the row is gone.
		await db.session.deleteMany({ where: { userId: context.user.id } })
		expect(await post(context, textFields(1, 'Na het uitloggen.'))).toMatchObject({
			status: 401,
			body: { ok: false, reason: 'session' },
		})
		expect(await stored(context)).toEqual(['Nog ingelogd.', 1])
	})

	it('saves on a session row read moments ago in one statement that counts, checks the session and writes', async () => {
		const context = await listedProvider(year)
		expect((await post(context, textFields(0, 'Eerste.'))).status).toBe(200)
		const before = await userWrites(context)
		const sent = await statements(async () => {
			expect(await post(context, textFields(1, 'Tweede.'))).toMatchObject({
				status: 200,
				body: { ok: true, version: 2 },
			})
		})
		// The whole request: one statement (the limit's count, the session, the membership and the save).
		expect(sent).toHaveLength(1)
		for (const part of ['"RateLimit"', '"Session"', '"Membership"', 'UPDATE "Answer"']) expect(sent[0]).toContain(part)
		expect(await stored(context)).toEqual(['Tweede.', 2])
		// Counted once, as the request tiers count it.
		expect(await userWrites(context)).toBe(before + 1)
	})

	it('refuses a save on a kept session row once the membership ended elsewhere: 404, nothing stored', async () => {
		const context = await listedProvider(year)
		expect((await post(context, textFields(0, 'Nog lid.'))).status).toBe(200)
		await db.membership.deleteMany({ where: { userId: context.user.id, providerId: context.provider.id } })
		let status = 0
		const sent = await statements(async () => {
			status = (
				await fetch(`${limited}${context.base}/antwoord`, {
					method: 'POST',
					headers: { cookie: context.cookie },
					body: formOf(textFields(1, 'Geen lid meer.')),
				})
			).status
		})
		expect(status).toBe(404)
		// Refused by the save's own statement (the kept row still named the provider).
		expect(sent).toHaveLength(1)
		expect(await stored(context)).toEqual(['Nog lid.', 1])
		// Forgotten: the next request reads the session again, and is refused by the route.
		expect(await statusOf(context, textFields(1, 'Nog steeds niet.'))).toBe(404)
	})

	it('answers and counts an autosave on a kept session row whose Host header no URL can hold', async () => {
		const context = await listedProvider(year)
		expect((await post(context, textFields(0, 'Eerst.'))).status).toBe(200)
		const before = await userWrites(context)
		const body = new URLSearchParams(textFields(1, 'Met een vreemde host.')).toString()
		// fetch will not send such a Host: a plain HTTP request does.
		const status = await new Promise<number>((resolve, reject) => {
			const sent = http.request(
				`${limited}${context.base}/antwoord`,
				{
					method: 'POST',
					headers: {
						host: 'geen geldige host',
						cookie: context.cookie,
						'content-type': 'application/x-www-form-urlencoded',
						'content-length': Buffer.byteLength(body),
					},
				},
				(response) => {
					response.resume()
					resolve(response.statusCode ?? 0)
				},
			)
			sent.on('error', reject)
			sent.end(body)
		})
		expect(status).toBe(200)
		expect(await userWrites(context)).toBe(before + 1)
		expect(await stored(context)).toEqual(['Met een vreemde host.', 2])
	})

	it('refuses a kept session row whose account became an organisation’s: 404, nothing stored', async () => {
		const context = await listedProvider(year)
		expect((await post(context, textFields(0, 'Aanbieder.'))).status).toBe(200)
		await db.user.update({
			where: { id: context.user.id },
			data: { kind: 'organisation', organisationName: 'Verzekeraar' },
		})
		expect(await statusOf(context, textFields(1, 'Organisatie.'))).toBe(404)
		expect(await stored(context)).toEqual(['Aanbieder.', 1])
	})

	it('counts every autosave on a kept session row once, whatever its answer', async () => {
		const context = await listedProvider(year)
		expect((await post(context, textFields(0, 'Eén.'))).status).toBe(200)
		const before = await userWrites(context)
		expect((await post(context, textFields(1, 'Twee.'))).status).toBe(200) // saved
		expect((await post(context, textFields(1, 'Drie.'))).status).toBe(409) // conflict: the careful path
		expect((await post(context, textFields(2, 'Twee.'))).status).toBe(200) // unchanged: the careful path
		// A year no URL decoding can read: the route leaves it to React Router; the tiers counted it.
		const malformed = context.base.replace(`/${year}`, '/%E0')
		expect(
			(await fetch(`${limited}${malformed}/antwoord`, { method: 'POST', headers: { cookie: context.cookie } })).status,
		).toBe(404)
		expect(await userWrites(context)).toBe(before + 4)
	})

	it('guards a first answer on a kept session row too', async () => {
		const context = await listedProvider(year)
		const other = await listedProvider(year)
		// A member of both: the row kept by a save for the first names the second too.
		await db.membership.create({ data: { userId: context.user.id, providerId: other.provider.id } })
		expect((await post(context, textFields(0, 'Bij de eerste.'))).status).toBe(200)
		// Signed out elsewhere, then a first save for the second provider on the kept row.
		await db.session.deleteMany({ where: { userId: context.user.id } })
		const second = { ...other, cookie: context.cookie }
		const sent = await statements(async () => {
			expect(await post(second, textFields(0, 'Nieuw.'))).toMatchObject({ status: 401, body: { reason: 'session' } })
		})
		expect(sent.filter((sql) => sql.includes('INSERT INTO "Answer"'))).toHaveLength(1)
		expect(await stored(other)).toBeNull()
	})

	it('answers 429 on a kept session row over the limit, storing nothing', async () => {
		const context = await listedProvider(year)
		expect((await post(context, textFields(0, 'Binnen de grens.'))).status).toBe(200)
		await db.rateLimit.update({
			where: { key: `tier:user:${context.user.id}` },
			data: { count: requestTiers.userWrites.limit },
		})
		let refused = new Response()
		const sent = await statements(async () => {
			refused = await fetch(`${limited}${context.base}/antwoord`, {
				method: 'POST',
				headers: { cookie: context.cookie },
				body: formOf(textFields(1, 'Te veel.')),
			})
		})
		expect(refused.status).toBe(429)
		expect(sent).toHaveLength(1) // the save's own statement counted and refused it
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
		expect(await refused.text()).toMatch(/^Te veel verzoeken\. Probeer het over \d+ seconden opnieuw\.$/)
		expect(await stored(context)).toEqual(['Binnen de grens.', 1])
	})

	it('decides a refused body on a kept session row with the database too: 401 for an ended session, 429 over the limit', async () => {
		const context = await listedProvider(year)
		expect((await post(context, textFields(0, 'Eerst goed.'))).status).toBe(200)
		const unknown = { ...textFields(1, 'Tekst.'), evidenceKey: 'bestaat.niet' }
		// Still signed in: the body's own 400, counted.
		const before = await userWrites(context)
		expect((await post(context, unknown)).status).toBe(400)
		expect(await userWrites(context)).toBe(before + 1)
		await db.rateLimit.update({
			where: { key: `tier:user:${context.user.id}` },
			data: { count: requestTiers.userWrites.limit },
		})
		expect(
			(
				await fetch(`${limited}${context.base}/antwoord`, {
					method: 'POST',
					headers: { cookie: context.cookie },
					body: formOf(unknown),
				})
			).status,
		).toBe(429)
		await db.rateLimit.delete({ where: { key: `tier:user:${context.user.id}` } })
		expect((await post(context, textFields(1, 'Weer goed.'))).status).toBe(200)
		await db.session.deleteMany({ where: { userId: context.user.id } })
		expect(await post(context, unknown)).toMatchObject({ status: 401, body: { reason: 'session' } })
		expect(await stored(context)).toEqual(['Weer goed.', 2])
	})

	it('checks a guarded save that no guarded statement decided before it reads or writes anything else', async () => {
		const context = await listedProvider(year)
		const sessionId = (await sessionIdFromCookie(context.cookie))!
		await db.session.deleteMany({ where: { userId: context.user.id } })
		const request = new Request(`http://localhost${context.base}/antwoord`, { headers: { cookie: context.cookie } })
		const guard = writeGuard({ request, sessionId, providerId: context.provider.id, address: '127.0.0.1' })
		// A version no one-statement save takes: the save goes the careful way, after the guard's check.
		const refused = await saveAnswer(
			{ type: 'provider', userId: context.user.id },
			{ providerId: context.provider.id, year, evidenceKey: TEXT_KEY, expectedVersion: -1, value: { text: 'Nee.' } },
			undefined,
			undefined,
			guard,
		).catch((thrown: unknown) => thrown)
		expect(refused).toBeInstanceOf(Response)
		expect((refused as Response).status).toBe(401)
		expect(guard.settled).toBe(true)
		expect(await stored(context)).toBeNull()
	})

	it('answers a conflict on a kept session row as before', async () => {
		const context = await listedProvider(year)
		expect((await post(context, textFields(0, 'Van mij.'))).status).toBe(200)
		expect((await post(context, textFields(1, 'Nog eens van mij.'))).status).toBe(200)
		expect(await post(context, textFields(1, 'Te laat.'))).toMatchObject({
			status: 409,
			body: { ok: false, reason: 'conflict', current: { text: 'Nog eens van mij.', version: 2 } },
		})
	})

	it('answers in the language just chosen, not the one of a kept session row', async () => {
		const context = await listedProvider(year)
		expect((await post(context, textFields(0, 'Eerste.'))).status).toBe(200)
		await setUserLocale(context.user.id, 'en')
		expect(await post(context, { ...textFields(1, 'Tekst.'), evidenceKey: 'bestaat.niet' })).toMatchObject({
			status: 400,
			body: { ok: false, reason: 'invalid', message: translate('en', 'selfEvaluation.unknownQuestion') },
		})
		expect(translate('en', 'selfEvaluation.unknownQuestion')).not.toBe(
			translate('nl', 'selfEvaluation.unknownQuestion'),
		)
	})

	it('does not keep a session row read before a language change that forgot it meanwhile', async () => {
		const context = await listedProvider(year)
		const sessionId = (await sessionIdFromCookie(context.cookie))!
		expect((await post(context, textFields(0, 'Eerste.'))).status).toBe(200)
		// A read on its way while the language changes: taken before the change, answered after it.
		const readAt = sessionRowEpoch()
		const inFlight = recentSessionRow(sessionId)
		expect(inFlight?.locale).toBe('nl')
		await setUserLocale(context.user.id, 'en')
		rememberSessionRow(sessionId, inFlight, readAt)
		expect(recentSessionRow(sessionId)).toBeUndefined()
		expect(await post(context, { ...textFields(1, 'Tekst.'), evidenceKey: 'bestaat.niet' })).toMatchObject({
			status: 400,
			body: { message: translate('en', 'selfEvaluation.unknownQuestion') },
		})
	})

	it('does not keep a session row due for its hourly touch, so an active session is still extended', async () => {
		const context = await listedProvider(year)
		const hoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000)
		await db.session.updateMany({ where: { userId: context.user.id }, data: { lastSeenAt: hoursAgo } })
		expect((await post(context, textFields(0, 'Na een pauze.'))).status).toBe(200)
		const touched = await db.session.findFirstOrThrow({ where: { userId: context.user.id } })
		expect(touched.lastSeenAt.getTime()).toBeGreaterThan(hoursAgo.getTime())
		// The row read before the touch was not kept: the next save reads the session again (two
		// statements), the one after that saves on the row it kept (one).
		const second = await statements(() => post(context, textFields(1, 'Verder.')))
		expect(second.filter((sql) => sql.includes('"RateLimit"'))).toHaveLength(1)
		expect(second.length).toBeGreaterThan(1)
		expect(await statements(() => post(context, textFields(2, 'En verder.')))).toHaveLength(1)
	})

	it('counts per user, and a deactivated account is refused', async () => {
		const context = await listedProvider(year)
		expect((await post(context, textFields(0, 'Actief.'))).status).toBe(200)
		const row = await db.rateLimit.findUnique({ where: { key: `tier:user:${context.user.id}` } })
		expect(row?.count).toBeGreaterThanOrEqual(1)
		await db.user.update({ where: { id: context.user.id }, data: { active: false } })
		expect((await post(context, textFields(1, 'Gedeactiveerd.'))).status).toBe(401)
		expect(await stored(context)).toEqual(['Actief.', 1])
	})
})
