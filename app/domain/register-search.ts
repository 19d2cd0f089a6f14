import { z } from 'zod'
import { PLACE_ALIASES } from './place-aliases'
import { PROVINCES, type Province } from './province'
import { PROVIDER_TYPES, type ProviderType } from './types'

// The public register's search, as it appears in the URL (shareable, works without JavaScript).
// Every parameter is untrusted: a value that does not parse is dropped — the search runs without
// that filter and the page says so — so no link, however mangled, ends in an error page.

/**
 * The statuses the register search filters on. A withdrawn carrier is not in the register any
 * more (003 §3.3 "wordt uit het Keurmerkregister verwijderd"): only its own page and the
 * certificate check say "ingetrokken per <datum>" (DOMAIN.md §7).
 */
export const REGISTER_STATUSES = ['listed', 'qualified'] as const
export type RegisterSearchStatus = (typeof REGISTER_STATUSES)[number]
/** The public status of a carrier in a year (registerStatus of app/domain/register.ts, seen from outside). */
export type PublicRegisterStatus = RegisterSearchStatus | 'withdrawn'

export const REGISTER_SORTS = ['name', 'city', 'status'] as const
export type RegisterSort = (typeof REGISTER_SORTS)[number]

export const REGISTER_PAGE_SIZE = 20
export const MAX_QUERY_LENGTH = 100
export const MAX_PAGE = 10_000

export interface RegisterQuery {
	/** Free text on name and city, as typed (trimmed). */
	q: string
	type: ProviderType | null
	province: Province | null
	city: string
	/** The first 2–4 digits of the postcode. */
	postcode: string
	status: RegisterSearchStatus | null
	/** null: the default year (the running one, or the latest with a register). */
	year: number | null
	sort: RegisterSort
	page: number
}

/** The search parameter names (Dutch, they are in shared links). */
export const REGISTER_PARAMS = {
	q: 'q',
	type: 'type',
	province: 'provincie',
	city: 'plaats',
	postcode: 'postcode',
	status: 'status',
	year: 'jaar',
	sort: 'sorteer',
	page: 'pagina',
} as const satisfies Record<keyof RegisterQuery, string>

export type RegisterParam = keyof RegisterQuery

// Control characters (a NUL byte is refused by PostgreSQL) become spaces.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g
const text = (max: number) =>
	z
		.string()
		.transform((value) => value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim())
		.pipe(z.string().max(max))
const fields = {
	q: text(MAX_QUERY_LENGTH),
	type: z.enum(PROVIDER_TYPES),
	province: z.enum(PROVINCES),
	city: text(80),
	postcode: z
		.string()
		.transform((value) => value.replace(/\s+/g, ''))
		.pipe(z.string().regex(/^[1-9]\d{1,3}$/)),
	status: z.enum(REGISTER_STATUSES),
	year: z
		.string()
		.regex(/^\d{4}$/)
		.transform(Number)
		.pipe(z.number().int().min(2000).max(2100)),
	sort: z.enum(REGISTER_SORTS),
	page: z
		.string()
		.regex(/^\d{1,5}$/)
		.transform(Number)
		.pipe(z.number().int().min(1).max(MAX_PAGE)),
} satisfies Record<RegisterParam, z.ZodType>

export const DEFAULT_REGISTER_QUERY: RegisterQuery = {
	q: '',
	type: null,
	province: null,
	city: '',
	postcode: '',
	status: null,
	year: null,
	sort: 'name',
	page: 1,
}

export interface ParsedRegisterQuery {
	query: RegisterQuery
	/** Parameters that were present but invalid, and therefore ignored. */
	ignored: RegisterParam[]
}

export function parseRegisterQuery(params: URLSearchParams): ParsedRegisterQuery {
	const query: RegisterQuery = { ...DEFAULT_REGISTER_QUERY }
	const ignored: RegisterParam[] = []
	for (const key of Object.keys(REGISTER_PARAMS) as RegisterParam[]) {
		// The first value counts (a form submits each field once; a hand-made URL may repeat one).
		const raw = params.get(REGISTER_PARAMS[key])
		if (raw === null || raw.trim() === '') continue
		const parsed = fields[key].safeParse(raw)
		if (parsed.success) Object.assign(query, { [key]: parsed.data })
		else ignored.push(key)
	}
	return { query, ignored }
}

/** The URL search string of a query (defaults left out), e.g. for pagination links. */
export function registerSearchString(query: RegisterQuery, changes: Partial<RegisterQuery> = {}): string {
	const merged = { ...query, ...changes }
	const params = new URLSearchParams()
	for (const key of Object.keys(REGISTER_PARAMS) as RegisterParam[]) {
		const value = merged[key]
		if (value === null || value === '' || value === DEFAULT_REGISTER_QUERY[key]) continue
		params.set(REGISTER_PARAMS[key], String(value))
	}
	const search = params.toString()
	return search ? `?${search}` : ''
}

// Search ignores case and accents: "zoe" finds "Zoë", "cliënt" finds "client". The same table
// normalises the typed text (here) and the stored names (in SQL, with translate()), so both sides
// agree without an extension such as unaccent.
export const ACCENTED = 'àáâãäåèéêëìíîïòóôõöùúûüýÿçñ'
export const UNACCENTED = 'aaaaaaeeeeiiiiooooouuuuyycn'

export function normaliseSearchText(value: string): string {
	let result = ''
	for (const char of value.toLowerCase()) {
		const index = ACCENTED.indexOf(char)
		result += index >= 0 ? UNACCENTED[index] : char
	}
	return result.replace(/\s+/g, ' ').trim()
}

/** Escapes LIKE's wildcards so that typed % and _ match themselves. */
export function escapeLike(value: string): string {
	return value.replace(/[\\%_]/g, (char) => `\\${char}`)
}

const MAX_SEARCH_TERMS = 8

/** Search terms: words of the normalised text, each must appear in the name or the city. */
export function searchTerms(q: string): string[] {
	return normaliseSearchText(q)
		.split(' ')
		.filter((term) => term.length > 0)
		.slice(0, MAX_SEARCH_TERMS)
}

/**
 * Typo tolerance (issue 13): a typed word of at least this many characters also matches a word of
 * the name or city that is similar enough by trigrams (pg_trgm's word similarity, in PostgreSQL
 * and PGlite alike), so "Visr" finds "Visser" and "Utrect" finds "Utrecht". Shorter words have too
 * few trigrams to tell a typo from another word, so they only match literally.
 */
export const FUZZY_MIN_LENGTH = 4
/**
 * The word similarity at or above which a word counts as a typo of the typed one ("visr"–"visser"
 * is 0.6). It is pg_trgm's default word_similarity_threshold, which its `<%` operator uses: that
 * operator, unlike the word_similarity() function, is answered from the trigram index (a tenth of
 * the time on 10,000 providers).
 */
export const FUZZY_THRESHOLD = 0.6

/**
 * One requirement of a search: the name or city contains one of `alternatives` literally, or —
 * when `fuzzy` — something similar to the typed word. Every requirement of a search must hold.
 */
export interface SearchRequirement {
	alternatives: string[]
	fuzzy: boolean
}

/**
 * The requirements of a free-text search: the typed words, except that a place's other name
 * (PLACE_ALIASES: "den bosch", "'s-gravenhage") becomes one requirement that any name of that place
 * satisfies. Multi-word names are matched as consecutive words, the longest first.
 */
export function searchRequirements(q: string): SearchRequirement[] {
	const words = searchTerms(q)
	const requirements: SearchRequirement[] = []
	let index = 0
	while (index < words.length) {
		let match: { group: readonly string[]; length: number } | null = null
		for (const group of PLACE_ALIASES) {
			for (const name of group) {
				const length = name.split(' ').length
				if (length > (match?.length ?? 0) && words.slice(index, index + length).join(' ') === name) {
					match = { group, length }
				}
			}
		}
		if (match) {
			requirements.push({ alternatives: [...match.group], fuzzy: false })
			index += match.length
			continue
		}
		const word = words[index] as string
		requirements.push({ alternatives: [word], fuzzy: word.length >= FUZZY_MIN_LENGTH })
		index += 1
	}
	return requirements
}

/** The folded names a place filter accepts: the place itself and its other names. */
export function placeNames(city: string): string[] {
	const folded = normaliseSearchText(city)
	const group = PLACE_ALIASES.find((names) => names.includes(folded))
	return group ? [...group] : [folded]
}

export interface Pagination {
	page: number
	pageCount: number
	offset: number
}

/** A requested page beyond the last shows the last one (a shared link after the register shrank). */
export function paginate(total: number, page: number, pageSize = REGISTER_PAGE_SIZE): Pagination {
	const pageCount = Math.max(1, Math.ceil(total / pageSize))
	const current = Math.min(Math.max(1, page), pageCount)
	return { page: current, pageCount, offset: (current - 1) * pageSize }
}
