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
	type RenderedPage,
	type Role,
	storedTexts,
	visibleText,
	wrongFormsOnPage,
} from '#test/fixtures/demo-crawl.ts'

const roles: Role[] = ['anonymous', 'signing', 'member', 'assessor', 'admin', 'insurer']
const pages: RenderedPage[] = []
let isContent: (word: string, line: string) => boolean = () => false

beforeAll(async () => {
	await buildDemoWorld()
	for (const role of roles) for (const locale of ['nl', 'en'] as const) pages.push(...(await crawl({ role, locale })))
	const texts = await storedTexts()
	isContent = contentIndex(texts)
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
}, 600_000)

afterAll(() => closePortal())

function report(findings: Finding[], name: string): string[] {
	const lines = findings.map((finding) => `${finding.path}: ${finding.what} — “${finding.line.slice(0, 160)}”`)
	if (process.env.DEMO_CRAWL_DUMP)
		writeFileSync(`${process.env.DEMO_CRAWL_DUMP}/findings-${name}.txt`, lines.join('\n'))
	return lines
}

describe('the rendered demo', () => {
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
			...wrongFormsOnPage(page, isContent),
		])
		expect(report(findings, 'english')).toEqual([])
	})

	it('issue 13: Dutch pages leave no plural to the reader and show no raw timestamps', () => {
		const findings = pages.filter((page) => page.locale === 'nl').flatMap((page) => wrongFormsOnPage(page, isContent))
		expect(report(findings, 'dutch')).toEqual([])
	})

	it('issue 12 §7: staff pages show no internal code, in either language', async () => {
		const codes = await knownCodes()
		for (const code of ['unpaid_fee', 'not_qualified_in_time', 'participation.qualify', 'qualification-deadline'])
			expect(codes).toContain(code)
		const staff = pages.filter((page) => page.role === 'assessor' || page.role === 'admin')
		expect(staff.filter((page) => page.path.startsWith('/medewerkers')).length).toBeGreaterThan(40)
		expect(
			report(
				staff.flatMap((page) => codesOnPage(page, codes)),
				'codes',
			),
		).toEqual([])
	})
})
