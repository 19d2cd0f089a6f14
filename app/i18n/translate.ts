// Translation without a library: catalogues are plain objects. Placeholders are `{name}`; a count
// that changes the words is written ICU-style, `{count, plural, one {# dag} other {# dagen}}`
// (also `=0 {…}`), and chosen with Intl.PluralRules of the reader's language; `#` is the number.
import type { Catalogue, Locale, MessageKey } from './catalogue.ts'
import { en } from './en/index.ts'
import { nl } from './nl/index.ts'

export const catalogues: Record<Locale, Catalogue> = { nl, en }

export type Params = Record<string, string | number>
export type Translate = (key: MessageKey, params?: Params) => string

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
	const dot = key.indexOf('.')
	const namespace = key.slice(0, dot) as keyof Catalogue
	const name = key.slice(dot + 1)
	const messages = catalogues[locale][namespace] as Record<string, string>
	const message = messages[name] ?? (catalogues.nl[namespace] as Record<string, string>)[name] ?? key
	return params || message.includes('{') ? interpolate(message, params ?? {}, locale) : message
}

const pluralRules = new Map<Locale, Intl.PluralRules>()

function pluralOf(locale: Locale, count: number): string {
	let rules = pluralRules.get(locale)
	if (!rules) {
		rules = new Intl.PluralRules(locale)
		pluralRules.set(locale, rules)
	}
	return rules.select(count)
}

/** Fills `{name}` and `{name, plural, …}`; an unknown name stays as written. */
export function interpolate(message: string, params: Params, locale: Locale = 'nl'): string {
	let out = ''
	let at = 0
	while (at < message.length) {
		const open = message.indexOf('{', at)
		if (open < 0) break
		const close = matchingBrace(message, open)
		if (close < 0) break
		out +=
			message.slice(at, open) +
			placeholder(message.slice(open + 1, close), params, locale, message.slice(open, close + 1))
		at = close + 1
	}
	return out + message.slice(at)
}

function placeholder(body: string, params: Params, locale: Locale, original: string): string {
	const simple = /^\s*(\w+)\s*$/.exec(body)
	if (simple) {
		const name = simple[1] as string
		return name in params ? String(params[name]) : original
	}
	const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(body)
	if (!plural) return original
	const name = plural[1] as string
	const count = Number(params[name])
	if (!(name in params) || !Number.isFinite(count)) return original
	const options = pluralOptions(plural[2] as string)
	const chosen = options.get(`=${count}`) ?? options.get(pluralOf(locale, count)) ?? options.get('other')
	if (chosen === undefined) return original
	return interpolate(chosen.replace(/#/g, String(params[name])), params, locale)
}

/** ' one {# dag} other {# dagen}' → one → '# dag', other → '# dagen'. */
function pluralOptions(text: string): Map<string, string> {
	const options = new Map<string, string>()
	const selector = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/g
	let match: RegExpExecArray | null
	while ((match = selector.exec(text))) {
		const open = match.index + match[0].length - 1
		const close = matchingBrace(text, open)
		if (close < 0) break
		options.set(match[1] as string, text.slice(open + 1, close))
		selector.lastIndex = close + 1
	}
	return options
}

function matchingBrace(text: string, open: number): number {
	let depth = 0
	for (let index = open; index < text.length; index++) {
		if (text[index] === '{') depth++
		else if (text[index] === '}' && --depth === 0) return index
	}
	return -1
}

export function createTranslate(locale: Locale): Translate {
	return (key, params) => translate(locale, key, params)
}
