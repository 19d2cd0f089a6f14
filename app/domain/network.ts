// The kennisnetwerk (issue 18, DOMAIN.md §9): 2022 norms 5.2 and 6.2 ask which themes a carrier
// wants to learn from others and can teach others, "to bring carriers with matching themes
// together". Pure rules: who matches whom, in what order, and the staff's theme matrix. Only
// carriers that opted in are ever passed in as peers (the service's rule); what a peer chose not to
// share is left out here too.
import { allEvidence, type NormSet } from './norm-set.ts'
import { type Province, PROVINCES } from './province.ts'

export type Direction = 'learn' | 'teach'

export interface NetworkMember {
	providerId: string
	name: string
	province: Province | null
	city: string
	learn: readonly string[]
	teach: readonly string[]
	/** What the member shares with other members. */
	shareLearn: boolean
	shareTeach: boolean
}

export interface Match {
	providerId: string
	name: string
	province: Province | null
	city: string
	/** Themes in common in both directions (what I learn ∩ what they teach, and the reverse). */
	overlap: number
	distanceKm: number | null
}

export interface ThemeMatches {
	theme: string
	/** 'learn': peers that can teach me this theme; 'teach': peers that want to learn it from me. */
	direction: Direction
	matches: Match[]
}

// Rough centres of the provinces (degrees), for a distance between two carriers that share only
// their province: enough to rank "nearby" first, never shown as an address.
const CENTRES: Record<Province, [number, number]> = {
	Drenthe: [52.86, 6.62],
	Flevoland: [52.53, 5.6],
	Friesland: [53.11, 5.85],
	Gelderland: [52.06, 5.95],
	Groningen: [53.22, 6.74],
	Limburg: [51.21, 5.93],
	'Noord-Brabant': [51.56, 5.19],
	'Noord-Holland': [52.58, 4.87],
	Overijssel: [52.44, 6.45],
	Utrecht: [52.08, 5.2],
	Zeeland: [51.45, 3.84],
	'Zuid-Holland': [51.94, 4.47],
}

/** Kilometres between the centres of two provinces (0 within one), null when either is unknown. */
export function provinceDistanceKm(a: Province | null, b: Province | null): number | null {
	if (!a || !b) return null
	if (a === b) return 0
	const [lat1, lon1] = CENTRES[a]
	const [lat2, lon2] = CENTRES[b]
	const rad = Math.PI / 180
	const dLat = (lat2 - lat1) * rad
	const dLon = (lon2 - lon1) * rad
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2
	return Math.round(2 * 6371 * Math.asin(Math.sqrt(h)))
}

function shared(member: NetworkMember, direction: Direction): readonly string[] {
	if (direction === 'learn') return member.shareLearn ? member.learn : []
	return member.shareTeach ? member.teach : []
}

function overlapOf(me: NetworkMember, peer: NetworkMember): number {
	const theyTeach = new Set(shared(peer, 'teach'))
	const theyLearn = new Set(shared(peer, 'learn'))
	return (
		me.learn.filter((theme) => theyTeach.has(theme)).length + me.teach.filter((theme) => theyLearn.has(theme)).length
	)
}

/** Ranked by overlap (more first), then distance (nearer first, unknown last), then name. */
export function compareMatches(a: Match, b: Match): number {
	if (a.overlap !== b.overlap) return b.overlap - a.overlap
	const da = a.distanceKm ?? Number.POSITIVE_INFINITY
	const db = b.distanceKm ?? Number.POSITIVE_INFINITY
	if (da !== db) return da - db
	return a.name.localeCompare(b.name, 'nl')
}

/**
 * Per theme I want to learn, the peers that can teach it; per theme I can teach, the peers that
 * want to learn it. A peer is matched only on what it shares; I am never my own match.
 */
export function matchesFor(me: NetworkMember, peers: readonly NetworkMember[]): ThemeMatches[] {
	const others = peers.filter((peer) => peer.providerId !== me.providerId)
	const toMatch = (peer: NetworkMember): Match => ({
		providerId: peer.providerId,
		name: peer.name,
		province: peer.province,
		city: peer.city,
		overlap: overlapOf(me, peer),
		distanceKm: provinceDistanceKm(me.province, peer.province),
	})
	const forDirection = (direction: Direction): ThemeMatches[] =>
		(direction === 'learn' ? me.learn : me.teach).map((theme) => ({
			theme,
			direction,
			matches: others
				.filter((peer) => shared(peer, direction === 'learn' ? 'teach' : 'learn').includes(theme))
				.map(toMatch)
				.sort(compareMatches),
		}))
	return [...forDirection('learn'), ...forDirection('teach')]
}

export interface MatrixCell {
	asked: number
	offered: number
}

export interface ThemeMatrix {
	themes: string[]
	/** Provinces as columns, with 'unknown' for carriers without one. */
	provinces: (Province | 'unknown')[]
	cells: Record<string, Record<string, MatrixCell>>
	totals: Record<string, MatrixCell>
}

/** Asked (wants to learn) and offered (can teach) per theme and province, for staff to plan meetings. */
export function themeMatrix(
	themes: readonly string[],
	members: readonly Pick<NetworkMember, 'province' | 'learn' | 'teach'>[],
): ThemeMatrix {
	const provinces: ThemeMatrix['provinces'] = [...PROVINCES, 'unknown']
	const cells: ThemeMatrix['cells'] = {}
	const totals: ThemeMatrix['totals'] = {}
	for (const theme of themes) {
		cells[theme] = Object.fromEntries(provinces.map((province) => [province, { asked: 0, offered: 0 }]))
		totals[theme] = { asked: 0, offered: 0 }
	}
	for (const member of members) {
		const column = member.province ?? 'unknown'
		for (const theme of new Set(member.learn)) {
			const cell = cells[theme]?.[column]
			if (!cell) continue
			cell.asked += 1
			;(totals[theme] as MatrixCell).asked += 1
		}
		for (const theme of new Set(member.teach)) {
			const cell = cells[theme]?.[column]
			if (!cell) continue
			cell.offered += 1
			;(totals[theme] as MatrixCell).offered += 1
		}
	}
	return { themes: [...themes], provinces, cells, totals }
}

/** Keeps the chosen themes that are on the year's list, in the list's order, once each. */
export function themesOnList(chosen: readonly string[], list: readonly string[]): string[] {
	const set = new Set(chosen)
	return list.filter((theme) => set.has(theme))
}

/** The evidence items whose choices are the year's themes, with the direction they ask about. */
export function networkItems(set: NormSet): { key: string; direction: Direction }[] {
	return allEvidence(set).flatMap(({ item }) =>
		item.kind === 'explanation' && item.choices?.network ? [{ key: item.key, direction: item.choices.network }] : [],
	)
}

/**
 * The norm set with the year's theme list as the options of its network choices (5.2 and 6.2).
 * Without a list the options written in the norm set stay.
 */
export function withYearThemes(set: NormSet, themes: readonly string[]): NormSet {
	if (themes.length === 0 || networkItems(set).length === 0) return set
	return {
		...set,
		themes: set.themes.map((theme) => ({
			...theme,
			norms: theme.norms.map((norm) => ({
				...norm,
				criteria: norm.criteria.map((criterion) => ({
					...criterion,
					evidence: criterion.evidence.map((item) =>
						item.kind === 'explanation' && item.choices?.network
							? {
									...item,
									choices: {
										...item.choices,
										options: [...themes],
										minSelected: Math.min(item.choices.minSelected, themes.length),
									},
								}
							: item,
					),
				})),
			})),
		})),
	}
}
