// The self-evaluation PDF read back as a reader would (pdftotext) and as a printer would (its
// drawing operators): every element of a format or a page checklist stands beside a drawn box,
// ticked where the provider ticked it — never "[x]" (issue 13).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { selfEvaluationPdf } from './self-evaluation.ts'

function pdfText(pdf: Buffer): string {
	const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pdf-')), 'doc.pdf')
	writeFileSync(file, pdf)
	return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
}

/** The page content streams, inflated: what is drawn, operator by operator. */
function drawing(pdf: Buffer): string {
	const raw = pdf.toString('latin1')
	let out = ''
	for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
		try {
			out += inflateSync(Buffer.from(match[1] ?? '', 'latin1')).toString('latin1')
		} catch {
			// not a deflated stream (fonts, metadata)
		}
	}
	return out
}

const elements = ['Hulpvraag van de cliënt', 'Verwachte duur', 'Vorm: online of face-to-face']
const checklist = ['Wachttijd', 'Tarieven']

async function render(locale: 'nl' | 'en' = 'nl') {
	return selfEvaluationPdf({
		locale,
		markName: 'Keurmerk Basis GGZ',
		providerName: 'Praktijk Één',
		year: 2064,
		roundNumber: 1,
		statusLine: 'Concept: nog niet ingediend',
		missing: [],
		madeOn: '12 maart 2064 14:02',
		createdAt: new Date('2064-03-12T13:02:00Z'),
		norms: [
			{
				code: '1',
				title: 'Samen beslissen',
				clientPromise: null,
				criteria: [
					{
						code: '1.1',
						text: 'Het behandelplan bevat de elementen.',
						verdict: null,
						items: [
							{
								item: {
									key: '1.1.a',
									kind: 'template_upload',
									label: 'Leeg format behandelplan',
									required: true,
									requiredElements: elements,
								},
								answer: { checkedElements: [elements[0]!, elements[2]!], documents: [] },
								documents: ['behandelplan.pdf'],
							},
							{
								item: { key: '1.1.b', kind: 'url', label: 'Website', required: true, checklist },
								answer: { url: 'https://praktijk.example', checkedElements: ['Tarieven'], documents: [] },
								documents: [],
							},
							{
								item: {
									key: '1.1.c',
									kind: 'declaration',
									label: 'Verklaring',
									required: true,
									statement: 'Wij werken volgens de norm.',
								},
								answer: { declared: true, documents: [] },
								documents: [],
							},
						],
					},
				],
			},
		],
	})
}

describe('self-evaluation PDF', () => {
	it('draws a box before every element, ticked where the provider ticked it, and prints no "[x]"', async () => {
		const pdf = await render()
		const text = pdfText(pdf).replace(/\s+/g, ' ')
		expect(text).not.toContain('[x]')
		expect(text).not.toContain('[ ]')
		for (const element of [...elements, ...checklist]) expect(text).toContain(element)
		expect(text).toContain('Wij werken volgens de norm.')
		expect(text).toContain('behandelplan.pdf')

		const ops = drawing(pdf)
		// Five elements and one declaration: six boxes (8 × 8 pt) …
		expect(ops.match(/ 8 8 re\s+S/g)?.length).toBe(6)
		// … and four ticks (two format elements, one checklist item, the declaration), each a stroked
		// path of three points in KiBG's colour.
		expect(ops.match(/1\.6 w[\s\S]{0,160}? m\s+[\d. -]+ l\s+[\d. -]+ l\s+S/g)?.length).toBe(4)
	})
})
