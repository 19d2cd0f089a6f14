// Issue 17: the content checks read an upload in 64 kB windows instead of a Buffer of the whole
// file. The answer must be the one the whole text gives: a property test against the whole-text
// check as it was (kept here as the reference), on PDFs built from the tokens that matter, with
// padding that puts them across window boundaries, read from memory and from a file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { deflateSync, inflateSync } from 'node:zlib'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ActiveNameScan, MAX_UNPACKED_BYTES, pdfProblem } from '#app/lib/upload-content.server.ts'

const ACTIVE_NAMES = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData|GoToE)(?![A-Za-z0-9])/

/** The check as it read the whole file at once (before issue 17). */
function wholeTextProblem(bytes: Uint8Array): 'pdf_active' | null {
	const text = Buffer.from(bytes).toString('latin1')
	const outside: string[] = []
	let budget = MAX_UNPACKED_BYTES
	let from = 0
	const streams = /stream\r?\n/g
	for (let match = streams.exec(text); match; match = streams.exec(text)) {
		if (text.slice(Math.max(0, match.index - 3), match.index) === 'end') continue
		const start = match.index + match[0].length
		const stop = text.indexOf('endstream', start)
		if (stop < 0) break
		const dictionary = text.slice(Math.max(from, text.lastIndexOf(' obj', match.index)), match.index)
		outside.push(text.slice(from, match.index))
		from = stop
		streams.lastIndex = stop + 'endstream'.length
		if (!/\/Type\s*\/ObjStm/.test(dictionary)) continue
		if (budget <= 0) return 'pdf_active'
		try {
			const inflated = inflateSync(bytes.subarray(start, stop), { maxOutputLength: budget })
			budget -= inflated.length
			outside.push(inflated.toString('latin1'))
		} catch {
			return 'pdf_active'
		}
	}
	outside.push(text.slice(from))
	const unescaped = outside
		.join('\n')
		.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
	return ACTIVE_NAMES.test(unescaped) ? 'pdf_active' : null
}

const names = ['/JavaScript', '/JS', '/JSX', '/J#61vaScript', '/Launch', '/Launcher', '/EmbeddedFile', '/Fit', '/XFA1']
const token = fc.oneof(
	fc.constantFrom(
		...names,
		' obj',
		' obj\n<< /Type /ObjStm >>',
		'stream\n',
		'stream\r\n',
		'endstream',
		'\n',
		' ',
		'#',
		'#4',
	),
	fc.constantFrom('/Type', '/ObjStm', '<<', '>>', '%%EOF', '/Length 5'),
	// An object stream with compressed content, harmless or not.
	fc
		.constantFrom('7 0 [2 0 R /Fit]', '7 0 << /S /JavaScript >>', '8 0 << /S /Launch >>')
		.map((content) => ({ objectStream: content })),
	// Padding that puts what follows `before` characters ahead of a 64 kB window boundary.
	fc
		.tuple(fc.constantFrom('x', ' ', '0', '\n'), fc.integer({ min: 0, max: 16 }))
		.map(([char, before]) => ({ char, before })),
	fc.string({ maxLength: 8 }),
)

type Token = string | { objectStream: string } | { char: string; before: number }

function build(tokens: Token[]): Uint8Array {
	const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')]
	const length = () => parts.reduce((sum, part) => sum + part.length, 0)
	for (const part of tokens) {
		if (typeof part === 'string') parts.push(Buffer.from(part, 'latin1'))
		else if ('char' in part) {
			const window = 64 * 1024
			parts.push(Buffer.from(part.char.repeat(window - ((length() + part.before) % window))))
		} else
			parts.push(
				Buffer.from('9 0 obj\n<< /Type /ObjStm /N 1 >>\nstream\n'),
				deflateSync(Buffer.from(part.objectStream)),
				Buffer.from('\nendstream\nendobj\n'),
			)
	}
	return new Uint8Array(Buffer.concat(parts))
}

describe('the PDF check in windows', () => {
	let dir: string
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'keurmerk-pdf-windows-'))
	})
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true })
	})

	it('gives the answer of the whole text, from memory and from a file', async () => {
		let count = 0
		await fc.assert(
			fc.asyncProperty(fc.array(token, { maxLength: 14 }), async (tokens) => {
				const bytes = build(tokens)
				const expected = wholeTextProblem(bytes)
				expect(await pdfProblem(bytes)).toBe(expected)
				const file = path.join(dir, `${count++}.pdf`)
				await writeFile(file, bytes)
				expect(await pdfProblem({ path: file })).toBe(expected)
			}),
			{ numRuns: 300 },
		)
	}, 60_000)

	it('finds a name split by a window boundary, and one in an object stream behind a megabyte', async () => {
		for (let shift = 0; shift < 14; shift++) {
			const bytes = build([' '.repeat(64 * 1024 - 9 - shift), '/JavaScript ', '\n'])
			expect(await pdfProblem(bytes)).toBe('pdf_active')
		}
		const late = build(['0'.repeat(1024 * 1024), { objectStream: '7 0 << /S /JavaScript >>' }])
		expect(await pdfProblem(late)).toBe('pdf_active')
		expect(await pdfProblem(build(['0'.repeat(1024 * 1024), { objectStream: '7 0 [2 0 R /Fit]' }]))).toBeNull()
	}, 30_000)
})

describe('the active-name scan in pieces', () => {
	// The scan holds the text in pieces and cuts it where no name nor escape can span the cut (it
	// searches each piece once, with the two characters before it). Pieces of any length, tokens
	// with `#` escapes just before and after them, and long runs without any cut (20 MB of letters
	// once took 7.6 s when the waiting text was one string grown piece by piece).
	const part = fc.oneof(
		fc.constantFrom(...names, '#', '#4', '#61', '/', ' ', '\n', '(', ')', 'a', '0'),
		fc
			.tuple(fc.constantFrom('x', ' ', '#', 'J', '/'), fc.integer({ min: 1, max: 140_000 }))
			.map(([char, n]) => char.repeat(n)),
	)
	const unescape = (text: string) =>
		text.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))

	it('gives the answer of one test of the whole text, however the text is cut into pieces', () => {
		fc.assert(
			fc.property(
				fc.array(part, { maxLength: 12 }),
				fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 8 }),
				(parts, sizes) => {
					const text = parts.join('')
					const scan = new ActiveNameScan()
					for (let at = 0, n = 0; at < text.length; n++) {
						const size = sizes[n % sizes.length] as number
						scan.push(text.slice(at, at + size))
						at += size
					}
					expect(scan.end()).toBe(ACTIVE_NAMES.test(unescape(text)))
				},
			),
			{ numRuns: 300 },
		)
	}, 60_000)

	it('scans 20 MB without a cut in linear time', () => {
		const started = performance.now()
		const scan = new ActiveNameScan()
		const piece = 'a'.repeat(64 * 1024)
		for (let n = 0; n < 320; n++) scan.push(piece)
		expect(scan.end()).toBe(false)
		expect(performance.now() - started).toBeLessThan(3000)
	})
})
