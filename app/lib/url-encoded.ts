// The URL standard's `application/x-www-form-urlencoded` parser for a form's body, on the body
// decoded as the Fetch body parser decodes it. On every body a browser sends (all but ASCII escaped)
// the pairs are Node's `new URLSearchParams(text)`; on any bytes, the standard's — where Node 20
// differs (a raw character after an incomplete escape; url-encoded.test.ts checks both). Node 20's
// URLSearchParams builds each name and value a character at a time: about a sixth of what an
// autosave allocated at the deadline rush (issue 17, a sampling heap profile), where a save is one
// answer's text with a `+` for every space. Here the standard's steps run on the bytes themselves,
// each name and value decoded once from a scratch buffer.

/** UTF-8 with invalid bytes replaced and a byte order mark kept, as the Fetch body parser decodes. */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true })
const encoder = new TextEncoder()

const AMPERSAND = 0x26
const EQUALS = 0x3d
const PLUS = 0x2b
const SPACE = 0x20
const PERCENT = 0x25
const QUESTION_MARK = 0x3f

export function urlEncodedPairs(body: Uint8Array): [string, string][] {
	const bytes = asText(body)
	const scratch = new Uint8Array(bytes.length)
	const pairs: [string, string][] = []
	// As URLSearchParams takes a string: one leading question mark is not part of the form.
	let start = bytes[0] === QUESTION_MARK ? 1 : 0
	while (start < bytes.length) {
		let end = bytes.indexOf(AMPERSAND, start)
		if (end === -1) end = bytes.length
		if (end > start) {
			// Searched for within this pair only: a body of many pairs without one stays linear.
			let equals = start
			while (equals < end && bytes[equals] !== EQUALS) equals++
			const name = decoded(bytes, start, equals, scratch)
			pairs.push([name, equals < end ? decoded(bytes, equals + 1, end, scratch) : ''])
		}
		start = end + 1
	}
	return pairs
}

/**
 * The bytes URLSearchParams parses: the body decoded and encoded again, so a raw invalid byte is
 * the replacement character's three bytes before any escape beside it is decoded. A browser
 * escapes every byte outside ASCII, so its bodies are that already.
 */
function asText(body: Uint8Array): Uint8Array {
	for (const byte of body) if (byte >= 0x80) return encoder.encode(utf8.decode(body))
	return body
}

/** Bytes `from`–`to` with + as a space and each valid %XX escape as its byte, then UTF-8 decoded. */
function decoded(bytes: Uint8Array, from: number, to: number, scratch: Uint8Array): string {
	let length = 0
	for (let at = from; at < to; at++) {
		const byte = bytes[at] as number
		if (byte === PLUS) scratch[length++] = SPACE
		else if (byte === PERCENT && at + 2 < to) {
			const high = hexValue(bytes[at + 1] as number)
			const low = hexValue(bytes[at + 2] as number)
			if (high === -1 || low === -1) scratch[length++] = byte
			else {
				scratch[length++] = high * 16 + low
				at += 2
			}
		} else scratch[length++] = byte
	}
	return utf8.decode(scratch.subarray(0, length))
}

function hexValue(byte: number): number {
	if (byte >= 0x30 && byte <= 0x39) return byte - 0x30
	if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10
	if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10
	return -1
}
