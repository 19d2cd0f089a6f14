// Issue 13 in the browser: what an English visitor sees is English. The page's visible text and
// its title may hold no word of the Dutch catalogue that the English one never uses (content —
// names, places, the mark's name — is passed in and left out, and so is anything marked
// `data-content`), no plural after "1" ('1 providers') and no plural in brackets ('provider(s)').
import { catalogues } from '#app/i18n/translate.ts'
import { expect, type Page } from '@playwright/test'

const wordPattern = /[\p{L}][\p{L}’'-]*[\p{L}]|[\p{L}]/gu
const wordsOf = (text: string) => (text.match(wordPattern) ?? []).map((word) => word.toLowerCase())
const messagesOf = (catalogue: object) =>
	Object.values(catalogue).flatMap((namespace: Record<string, string>) => Object.values(namespace))

let dutchOnly: Set<string> | undefined
function dutchWords(): Set<string> {
	if (dutchOnly) return dutchOnly
	const english = new Set(messagesOf(catalogues.en).flatMap(wordsOf))
	dutchOnly = new Set(
		messagesOf(catalogues.nl)
			.flatMap(wordsOf)
			.filter((word) => word.length >= 3 && !english.has(word)),
	)
	return dutchOnly
}

/** The page as a visitor reads it: visible text (screen-reader text included) and the title. */
async function readableText(page: Page): Promise<string> {
	const text = await page.evaluate(() => {
		const hidden = [...document.querySelectorAll<HTMLElement>('[data-content]')]
		const before = hidden.map((element) => element.style.display)
		for (const element of hidden) element.style.display = 'none'
		const visible = document.body.innerText
		hidden.forEach((element, index) => (element.style.display = before[index] ?? ''))
		return visible
	})
	return `${await page.title()}\n${text}`
}

export async function expectEnglish(page: Page, content: readonly string[] = []) {
	await expect(page.locator('html')).toHaveAttribute('lang', 'en')
	let text = (await readableText(page)).replace(/\bhttps?:\/\/\S+/g, ' ')
	for (const part of [...content].sort((a, b) => b.length - a.length)) text = text.split(part).join(' ')
	const dutch = dutchWords()
	const problems: string[] = []
	for (const line of text.split('\n')) {
		const leaked = [...new Set(wordsOf(line))].filter((word) => dutch.has(word))
		if (leaked.length) problems.push(`Dutch (${leaked.join(', ')}): ${line.trim()}`)
		if (/(\p{L}+)\((?:s|en|es|n)\)/u.test(line)) problems.push(`plural in brackets: ${line.trim()}`)
		const one = /(?<![\d.,:/-])\b1 (providers|carriers|days|themes|norms|criteria|errors|years|results)\b/.exec(line)
		if (one) problems.push(`plural after 1: ${line.trim()}`)
		// Dates come from Intl.DateTimeFormat in the reader's language: no Dutch month or weekday.
		const date =
			/\b(januari|februari|maart|mei|juni|juli|augustus|oktober|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b/i.exec(
				line,
			)
		if (date) problems.push(`Dutch date (${date[1]}): ${line.trim()}`)
	}
	expect(problems, `on ${page.url()}`).toEqual([])
}
