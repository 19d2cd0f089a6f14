import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { urlEncodedPairs } from './url-encoded.ts'

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true })
const encode = (text: string) => new TextEncoder().encode(text)

/** Node's own parser, on the body decoded as Fetch decodes it: what the portal used before. */
const node = (bytes: Uint8Array) => [...new URLSearchParams(utf8.decode(bytes))]

/**
 * The standard's steps once more, on strings this time: split the decoded body at & and the first
 * =, + as a space, then percent-decode the UTF-8 bytes of each and decode them again.
 */
function standard(bytes: Uint8Array): [string, string][] {
	const percentDecoded = (part: string) => {
		const input = encode(part.replaceAll('+', ' '))
		const output: number[] = []
		for (let at = 0; at < input.length; at++) {
			const escape = String.fromCharCode(input[at + 1] ?? 0, input[at + 2] ?? 0)
			if (input[at] === 0x25 && /^[0-9A-Fa-f]{2}$/.test(escape)) {
				output.push(Number.parseInt(escape, 16))
				at += 2
			} else output.push(input[at] as number)
		}
		return utf8.decode(Uint8Array.from(output))
	}
	return utf8
		.decode(bytes)
		.replace(/^\?/, '')
		.split('&')
		.filter((sequence) => sequence !== '')
		.map((sequence) => {
			const equals = sequence.indexOf('=')
			if (equals === -1) return [percentDecoded(sequence), '']
			return [percentDecoded(sequence.slice(0, equals)), percentDecoded(sequence.slice(equals + 1))]
		})
}

// Pieces that make the parser's cases: escapes valid and not, + and its escape, separators, a
// leading question mark, text with accents and emoji as answers hold, raw invalid UTF-8.
const piece = fc.constantFrom(
	'%',
	'%2',
	'%2B',
	'%2b',
	'%C3',
	'%A9',
	'%C3%A9',
	'%F0%9F%98%80',
	'%ED%A0%80',
	'%C0%80',
	'%FF',
	'%00',
	'%26',
	'%3D',
	'+',
	'&',
	'=',
	'?',
	' ',
	'a',
	'Z9',
	'é',
	'😀',
	'\n',
	'\uFEFF',
)
const assembled = fc.array(piece, { maxLength: 30 }).map((pieces) => encode(pieces.join('')))
const asciiBody = fc
	.array(
		piece.filter((text) => [...text].every((character) => character.charCodeAt(0) < 0x80)),
		{ maxLength: 30 },
	)
	.map((pieces) => encode(pieces.join('')))
const rawInvalid = fc
	.array(fc.oneof(piece.map(encode), fc.uint8Array({ maxLength: 3 })), { maxLength: 20 })
	.map((parts) => Uint8Array.from(parts.flatMap((part) => [...part])))

describe('urlEncodedPairs', () => {
	it('gives the pairs URLSearchParams gives, on forms as browsers send them', () => {
		const cases = [
			'',
			'evidenceKey=n1.c1.t&n1.c1.t%3Aversion=3&n1.c1.t%3Atext=Een+antwoord%0Amet+%F0%9F%98%80+en+%C3%AB',
			'a=1&a=2&&b&=c&d==e',
			'?a=1&?b=2',
			'a=%zz&b=%&c=100%25&d=%2',
			'name=%C3&next=%A9&lone=%ED%A0%80&overlong=%C0%80',
		]
		for (const text of cases) expect(urlEncodedPairs(encode(text))).toEqual(node(encode(text)))
		expect(urlEncodedPairs(encode('tekst=een+%2B+twee&x'))).toEqual([
			['tekst', 'een + twee'],
			['x', ''],
		])
		// A browser escapes every byte outside ASCII: on such bodies Node's parser is the standard's.
		fc.assert(
			fc.property(asciiBody, (bytes) => {
				expect(urlEncodedPairs(bytes)).toEqual(node(bytes))
			}),
			{ numRuns: 2000 },
		)
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
				const bytes = encode(new URLSearchParams({ tekst: text, [text]: 'naam' }).toString())
				expect(urlEncodedPairs(bytes)).toEqual([
					['tekst', text],
					[text, 'naam'],
				])
			}),
		)
	})

	it('follows the standard on any bytes, where Node 20 does not', () => {
		fc.assert(
			fc.property(fc.oneof(assembled, rawInvalid, fc.uint8Array({ maxLength: 40 })), (bytes) => {
				expect(urlEncodedPairs(bytes)).toEqual(standard(bytes))
			}),
			{ numRuns: 3000 },
		)
		// An escape that starts a character and a raw one after it: the standard decodes the bytes
		// C3 F0 9F 98 80 (an invalid sequence, then the emoji); Node 20's URLSearchParams gives
		// neither. A browser never sends this (it escapes the emoji too).
		const bytes = encode('%C3😀')
		expect(urlEncodedPairs(bytes)).toEqual([['\uFFFD😀', '']])
		expect(node(bytes)).not.toEqual([['\uFFFD😀', '']])
	})
})
