import type { nl } from './nl/index.ts'

type Dutch = typeof nl

/** Every namespace with the same keys as the Dutch catalogue. */
export type Catalogue = { [Namespace in keyof Dutch]: Record<keyof Dutch[Namespace], string> }

/** 'namespace.key', e.g. 'auth.loginTitle'. */
export type MessageKey = {
	[Namespace in keyof Dutch]: `${Namespace & string}.${keyof Dutch[Namespace] & string}`
}[keyof Dutch]

export const locales = ['nl', 'en'] as const
export type Locale = (typeof locales)[number]
export const defaultLocale: Locale = 'nl'

export function isLocale(value: unknown): value is Locale {
	return value === 'nl' || value === 'en'
}
