// Issue 13 and issue 12 §7: every page of the demo, rendered for every role in Dutch and in
// English. English pages carry no Dutch words from the catalogue's Dutch side (content — names,
// addresses, norm texts, answers, mails as sent — may stay Dutch), no plurals left to the reader
// ('fout(en)', '1 themes') and no raw timestamps; staff pages show no internal code in either
// language. One demo build and one crawl for the whole file.
import { mkdirSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
	buildDemoWorld,
	closePortal,
	codesOnPage,
	contentIndex,
	crawl,
	distinctiveDutchWords,
	dutchOnPage,
	type Finding,
	knownCodes,
	pluralNouns,
	type RenderedPage,
	type Role,
	storedTexts,
	visibleText,
	wrongFormsOnPage,
} from '#test/fixtures/demo-crawl.ts'

const roles: Role[] = ['anonymous', 'signing', 'member', 'assessor', 'admin', 'insurer']
const pages: RenderedPage[] = []
let isContent: (word: string, line: string) => boolean = () => false
let plurals = new Set<string>()

// Two hooks, each with its own time: on a quiet machine the demo takes about a minute and the
// crawl half a minute; a machine shared by several test runs needs ten times that.
beforeAll(() => buildDemoWorld(), 900_000)

beforeAll(async () => {
	for (const role of roles) for (const locale of ['nl', 'en'] as const) pages.push(...(await crawl({ role, locale })))
	const texts = await storedTexts()
	isContent = contentIndex(texts)
	plurals = await pluralNouns()
	if (process.env.DEMO_CRAWL_DUMP) {
		// For looking into a finding: every page's text, and the pages and stored texts as JSON.
		mkdirSync(process.env.DEMO_CRAWL_DUMP, { recursive: true })
		writeFileSync(`${process.env.DEMO_CRAWL_DUMP}/pages.json`, JSON.stringify(pages))
		writeFileSync(`${process.env.DEMO_CRAWL_DUMP}/texts.json`, JSON.stringify(texts))
		for (const page of pages)
			writeFileSync(
				`${process.env.DEMO_CRAWL_DUMP}/${page.role}-${page.locale}-${page.path.replace(/[^a-z0-9]+/gi, '_')}.txt`,
				`${page.status}\n${visibleText(page.html, { skipContent: false })}`,
			)
	}
}, 900_000)

afterAll(() => closePortal())

function report(findings: Finding[], name: string): string[] {
	const lines = findings.map((finding) => `${finding.path}: ${finding.what} — “${finding.line.slice(0, 160)}”`)
	if (process.env.DEMO_CRAWL_DUMP)
		writeFileSync(`${process.env.DEMO_CRAWL_DUMP}/findings-${name}.txt`, lines.join('\n'))
	return lines
}

describe('the rendered demo', () => {
	it('the scans find what they look for (a page made to fail them)', async () => {
		const html = (body: string) => `<html><body>${body}</body></html>`
		const page = (locale: 'nl' | 'en', body: string): RenderedPage => ({
			role: 'admin',
			locale,
			path: '/made-up',
			status: 200,
			html: html(body),
		})
		const dutch = await distinctiveDutchWords()
		const leaked = dutchOnPage(
			page('en', '<h1>Praktijk Visser</h1><button>Opslaan</button><p data-content>Wij bieden zorg</p>'),
			dutch,
			isContent,
		)
		// The label is found; the provider's name (stored content) and marked content are not.
		expect(leaked.map((finding) => finding.what)).toEqual(['opslaan'])
		const forms = wrongFormsOnPage(
			page('en', '<p>1 themes</p><p>3 fout(en)</p><p>2027-03-20T09:00:00.000Z</p><p>1 April 2027</p>'),
			isContent,
			plurals,
		)
		expect(forms.map((finding) => finding.what)).toEqual([
			'plural after 1: 1 themes',
			'plural in brackets',
			'raw timestamp',
		])
		const codes = await knownCodes()
		expect(
			codesOnPage(
				page('nl', '<td>unpaid_fee</td><td>participation.qualify</td><a href="/x/teaching-themes">x</a>'),
				codes,
			).map((finding) => finding.what),
		).toEqual(['unpaid_fee', 'participation.qualify'])
	})

	it('is reached by every role in both languages', () => {
		for (const role of roles)
			for (const locale of ['nl', 'en'] as const) {
				const own = pages.filter((page) => page.role === role && page.locale === locale)
				expect(own.length, `${role} ${locale}`).toBeGreaterThan(role === 'anonymous' ? 10 : 15)
				expect(
					own.filter((page) => page.status >= 500).map((page) => page.path),
					`${role} ${locale}`,
				).toEqual([])
			}
	})

	it('issue 13: English pages show no Dutch words of the catalogue, no hedged plurals, no raw timestamps', async () => {
		const dutch = await distinctiveDutchWords()
		// The scan can fail: it knows the words the Dutch side uses for everyday things.
		for (const word of ['zelfevaluatie', 'ingetrokken', 'opslaan', 'aanbieder']) expect(dutch).toContain(word)
		const english = pages.filter((page) => page.locale === 'en')
		const findings = english.flatMap((page) => [
			...dutchOnPage(page, dutch, isContent),
			...wrongFormsOnPage(page, isContent, plurals),
		])
		expect(report(findings, 'english')).toEqual([])
	})

	it('issue 13: Dutch pages leave no plural to the reader and show no raw timestamps', () => {
		const findings = pages
			.filter((page) => page.locale === 'nl')
			.flatMap((page) => wrongFormsOnPage(page, isContent, plurals))
		expect(report(findings, 'dutch')).toEqual([])
	})

	it('issue 12 §7: staff pages show no internal code, in either language', async () => {
		const codes = await knownCodes()
		for (const code of ['unpaid_fee', 'not_qualified_in_time', 'participation.qualify', 'qualification-deadline'])
			expect(codes).toContain(code)
		// Every page a staff member sees, but the open-data page: it documents the file format, whose
		// values ('independent_practice') are codes on purpose.
		const staff = pages.filter(
			(page) => (page.role === 'assessor' || page.role === 'admin') && !page.path.startsWith('/open-data'),
		)
		expect(staff.filter((page) => page.path.startsWith('/medewerkers')).length).toBeGreaterThan(40)
		expect(
			report(
				staff.flatMap((page) => codesOnPage(page, codes)),
				'codes',
			),
		).toEqual([])
	})
})
