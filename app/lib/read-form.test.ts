// readForm (issue 15, issue 17): the body read under its cap, from the request's own stream or from
// a source a server handler hands on (server/autosave-route.ts), and parsed as the Fetch body parser
// parses it — URL-encoded text by readForm's own steps, anything else by the parser itself. The
// reference here is what readForm did before: `new Response(new Blob(chunks)).formData()`.
import { describe, expect, it } from 'vitest'
import { controlCharacterFields, type FormBody, MAX_FORM_BODY_BYTES, readForm, setBodySource } from './forms.ts'

const encoder = new TextEncoder()

/** A request whose body arrives in the given pieces (no declared length, as a chunked body). */
function streamed(pieces: Uint8Array[], contentType: string | null, declaredLength?: number): Request {
	const headers = new Headers()
	if (contentType !== null) headers.set('content-type', contentType)
	if (declaredLength !== undefined) headers.set('content-length', String(declaredLength))
	let next = 0
	return new Request('http://localhost/formulier', {
		method: 'POST',
		headers,
		body: new ReadableStream<Uint8Array>({
			pull(controller) {
				const piece = pieces[next++]
				if (piece) controller.enqueue(piece)
				else controller.close()
			},
		}),
		duplex: 'half',
	} as RequestInit)
}

/** The same body handed on as a server handler does: a Request without one, and a source. */
function handedOn(pieces: Uint8Array[], contentType: string | null, declaredLength?: number): Request {
	const headers = new Headers()
	if (contentType !== null) headers.set('content-type', contentType)
	if (declaredLength !== undefined) headers.set('content-length', String(declaredLength))
	const request = new Request('http://localhost/formulier', { method: 'POST', headers })
	setBodySource(request, async (body: FormBody) => {
		for (const piece of pieces) {
			await Promise.resolve()
			if (!body.accepts(piece)) throw body.refusal()
		}
	})
	return request
}

/** What readForm gave before: the parser over a Blob of the pieces, or the 400. */
async function reference(pieces: Uint8Array[], contentType: string | null) {
	try {
		const formData = await new Response(new Blob(pieces as BlobPart[]), {
			headers: { 'Content-Type': contentType ?? 'application/x-www-form-urlencoded' },
		}).formData()
		return { entries: [...formData.entries()] }
	} catch {
		return { status: 400 }
	}
}

/** readForm's outcome: the entries (before cleaning, as the reference has them) or the status thrown. */
async function outcome(request: Request) {
	try {
		const formData = await readForm(request)
		return { entries: [...formData.entries()], refused: controlCharacterFields(formData) }
	} catch (thrown) {
		if (thrown instanceof Response) return { status: thrown.status, text: await thrown.text() }
		throw thrown
	}
}

/** Splits bytes at every `size` bytes (so a character may be cut in two). */
function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
	const out: Uint8Array[] = []
	for (let at = 0; at < bytes.byteLength; at += size) out.push(bytes.slice(at, at + size))
	return out
}

const escaped = encoder.encode('tekst=Cli%C3%ABnt+%F0%9F%98%80%0Aregel+2%0D%0A%2B1+%25&versie=3&leeg=&=naamloos&x')

const urlEncodedCases: [string, Uint8Array][] = [
	['emoji, newlines, + and % escapes', escaped],
	['raw UTF-8, a raw emoji and a raw newline', encoder.encode('tekst=cliënt 😀\nnieuwe regel&a=b+c')],
	['a byte order mark at the start', Uint8Array.from([0xef, 0xbb, 0xbf, ...encoder.encode('a=1&b=2')])],
	[
		'invalid UTF-8, raw and escaped',
		Uint8Array.from([...encoder.encode('a='), 0xff, 0xc3, ...encoder.encode('&b=%FF%C3%28&c=%ED%A0%80')]),
	],
	['broken escapes', encoder.encode('a=%&b=%2&c=%zz&%=%%')],
	['empty', new Uint8Array()],
	['repeated names', encoder.encode('keuze=a&keuze=b&keuze=')],
]

describe('readForm: URL-encoded bodies, parsed directly', () => {
	for (const [name, bytes] of urlEncodedCases)
		it(`gives what the Fetch parser gave: ${name}`, async () => {
			const expected = await reference([bytes], 'application/x-www-form-urlencoded')
			expect(expected).toHaveProperty('entries')
			for (const size of [1, 3, 1024]) {
				expect(await outcome(streamed(pieces(bytes, size), 'application/x-www-form-urlencoded'))).toMatchObject(
					expected,
				)
				expect(await outcome(handedOn(pieces(bytes, size), 'application/x-www-form-urlencoded'))).toMatchObject(
					expected,
				)
			}
		})

	it('decodes the text exactly: emoji, newlines, plus signs and escapes', async () => {
		const form = await readForm(handedOn([escaped], null))
		expect(form.get('tekst')).toBe('Cliënt 😀\nregel 2\r\n+1 %')
		expect(form.getAll('')).toEqual(['naamloos'])
		expect(form.get('x')).toBe('')
	})

	it('refuses a forbidden control character on its field, as before (cleaned once, remembered)', async () => {
		const bytes = encoder.encode('evidenceKey=n1&n1%3Atext=met+een+NUL%00+erin&n1%3Aversion=0')
		for (const request of [streamed([bytes], null), handedOn([bytes], null)]) {
			const form = await readForm(request)
			expect(controlCharacterFields(form)).toEqual(['n1:text'])
			expect(form.get('n1:text')).toBe('met een NUL erin')
			expect(form.get('n1:version')).toBe('0')
		}
	})

	// Which header values the Fetch parser reads as URL-encoded: only those go the direct way, and
	// the others are answered as before (parsed by it, or the 400).
	for (const contentType of [
		null,
		'application/x-www-form-urlencoded',
		'Application/X-WWW-Form-URLEncoded',
		'application/x-www-form-urlencoded;charset=UTF-8',
		'application/x-www-form-urlencoded ; charset=latin1',
		'application/x-www-form-urlencoded;',
		'application/x-www-form-urlencoded;a="b,c"',
		'text/plain, application/x-www-form-urlencoded',
		'application/x-www-form-urlencoded, text/plain',
		'application/x-www-form-urlencodedx',
		'application /x-www-form-urlencoded',
		'text/plain',
		'application/json',
		'',
	])
		it(`reads a body of type ${JSON.stringify(contentType)} as before`, async () => {
			const bytes = encoder.encode('a=1&b=%F0%9F%98%80')
			const expected = await reference([bytes], contentType)
			const got = await outcome(handedOn([bytes], contentType))
			expect(got).toMatchObject(expected)
			expect(await outcome(streamed([bytes], contentType))).toMatchObject(expected)
			if ('status' in expected) expect(got).toEqual({ status: 400, text: 'Ongeldig verzoek: geen formulier.' })
		})
})

describe('readForm: other bodies, by the Fetch parser', () => {
	it('reads a multipart form, from either source', async () => {
		const form = new FormData()
		form.set('evidenceKey', 'n1')
		form.set('n1:text', 'Cliënt 😀\nregel 2 + 50%')
		form.append('keuze', 'a')
		form.append('keuze', 'b')
		const sent = new Request('http://localhost/', { method: 'POST', body: form })
		const contentType = sent.headers.get('content-type')
		const bytes = new Uint8Array(await sent.arrayBuffer())
		const expected = await reference([bytes], contentType)
		// The multipart encoding sends a newline as CRLF.
		expect(expected).toEqual({
			entries: [...form.entries()].map(([name, value]) => [name, String(value).replace(/\n/g, '\r\n')]),
		})
		expect(await outcome(handedOn(pieces(bytes, 7), contentType))).toMatchObject(expected)
		expect(await outcome(streamed(pieces(bytes, 7), contentType))).toMatchObject(expected)
	})

	it('answers 400 to a body that is no form (a broken multipart message, JSON)', async () => {
		const bytes = encoder.encode('--grens\r\nkapot')
		expect(await outcome(handedOn([bytes], 'multipart/form-data; boundary=grens'))).toEqual({
			status: 400,
			text: 'Ongeldig verzoek: geen formulier.',
		})
		expect(await outcome(handedOn([encoder.encode('{"a":1}')], 'application/json'))).toMatchObject({ status: 400 })
		expect(await outcome(handedOn([], 'multipart/form-data'))).toMatchObject({ status: 400 })
	})
})

describe('readForm: the cap', () => {
	const tooLarge = { status: 413, text: 'Te veel gegevens verstuurd.' }

	it('refuses a declared length over the cap before reading a byte', async () => {
		let read = false
		const request = new Request('http://localhost/', {
			method: 'POST',
			headers: { 'content-length': String(MAX_FORM_BODY_BYTES + 1) },
		})
		setBodySource(request, async () => {
			read = true
		})
		expect(await outcome(request)).toEqual(tooLarge)
		expect(read).toBe(false)
		expect(await outcome(streamed([encoder.encode('a=1')], null, MAX_FORM_BODY_BYTES + 1))).toEqual(tooLarge)
	})

	it('refuses a body that grows past the cap, and takes one of exactly the cap', async () => {
		const piece = encoder.encode(`a=${'x'.repeat(64 * 1024 - 2)}`)
		const over = Array.from({ length: MAX_FORM_BODY_BYTES / piece.byteLength + 1 }, () => piece)
		expect(await outcome(handedOn(over, null))).toEqual(tooLarge)
		expect(await outcome(streamed(over, null))).toEqual(tooLarge)
		const exactly = over.slice(1)
		const form = await readForm(handedOn(exactly, null))
		expect((form.get('a') as string).length).toBe(MAX_FORM_BODY_BYTES - 2)
	})

	it('stops reading at the piece that passes the cap', async () => {
		const piece = new Uint8Array(256 * 1024).fill(0x61)
		let offered = 0
		const request = new Request('http://localhost/', { method: 'POST' })
		setBodySource(request, async (body) => {
			for (;;) {
				offered++
				if (!body.accepts(piece)) throw body.refusal()
			}
		})
		expect(await outcome(request)).toEqual(tooLarge)
		expect(offered).toBe(5)
	})
})
