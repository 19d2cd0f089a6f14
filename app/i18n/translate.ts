// Translation without a library: catalogues are plain objects, placeholders are `{name}`.
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
	return params ? interpolate(message, params) : message
}

export function interpolate(message: string, params: Params): string {
	return message.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match))
}

export function createTranslate(locale: Locale): Translate {
	return (key, params) => translate(locale, key, params)
}
