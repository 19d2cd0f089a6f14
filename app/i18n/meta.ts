// Page titles and descriptions in the reader's language. A meta function has no hooks; the
// language comes from the root loader's data (`locale`), which every match list carries.
import type { MetaDescriptor } from 'react-router'
import { defaultLocale, isLocale, type Locale, type MessageKey } from './catalogue.ts'
import { translate, type Params } from './translate.ts'

type Matches = readonly ({ id: string; loaderData?: unknown } | undefined)[]

/** A part of a title: a message key (with parameters) or a name as it is (a provider, a number). */
export type TitlePart = MessageKey | [MessageKey, Params] | { text: string }

export function metaLocale(matches: Matches): Locale {
	const root = matches.find((match) => match?.id === 'root')?.loaderData as { locale?: unknown } | undefined
	return isLocale(root?.locale) ? root.locale : defaultLocale
}

/** 'Deelnames · Medewerkers · Keurmerkportaal' ('… · Quality Mark Portal' in English), and a description when given. */
export function pageMeta(
	{ matches }: { matches: Matches },
	parts: readonly TitlePart[],
	description?: MessageKey | [MessageKey, Params],
): MetaDescriptor[] {
	const locale = metaLocale(matches)
	const text = (part: TitlePart) =>
		typeof part === 'string'
			? translate(locale, part)
			: Array.isArray(part)
				? translate(locale, part[0], part[1])
				: part.text
	const meta: MetaDescriptor[] = [{ title: [...parts.map(text), translate(locale, 'meta.portal')].join(' · ') }]
	if (description) {
		const [key, params] = typeof description === 'string' ? [description, undefined] : description
		meta.push({ name: 'description', content: translate(locale, key, params) })
	}
	return meta
}
