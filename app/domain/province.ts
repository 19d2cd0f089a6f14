// The province of a Dutch address from its postcode, for the register's province filter when a
// provider's profile does not name one (Provider.province is optional).
//
// Source and approximation: the four-digit postcode areas (PC4) are handed out by region, so a
// small table of PC4 ranges gives the province of almost every address. The ranges below follow
// the PC4 areas per province, merged into contiguous ranges and rounded to blocks of ten; the few
// areas that straddle a provincial border go to the province of most of their addresses. Good
// enough to narrow a search; a provider that enters its province in its profile always wins.
//
// Not an authoritative table: CBS's PC4 → gemeente → provincie tables (the source the issue asks
// for) could not be had on this offline machine, and no npm package ships them. Known mistakes are
// fixed one by one with a test (app/domain/register-search.test.ts lists the postcodes checked);
// replacing this by the CBS table, shipped as data with its year, is open work.

export const PROVINCES = [
	'Drenthe',
	'Flevoland',
	'Friesland',
	'Gelderland',
	'Groningen',
	'Limburg',
	'Noord-Brabant',
	'Noord-Holland',
	'Overijssel',
	'Utrecht',
	'Zeeland',
	'Zuid-Holland',
] as const
export type Province = (typeof PROVINCES)[number]

/** [first PC4, last PC4 (inclusive), province], ordered and without gaps from 1000 to 9999. */
export const POSTCODE_PROVINCE_RANGES: readonly (readonly [number, number, Province])[] = [
	[1000, 1299, 'Noord-Holland'], // Amsterdam, Zaanstreek, Gooi (Hilversum 12xx)
	[1300, 1379, 'Flevoland'], // Almere
	[1380, 2159, 'Noord-Holland'], // Weesp, Purmerend, Alkmaar, Den Helder, Haarlem, Haarlemmermeer
	[2160, 3399, 'Zuid-Holland'], // Bollenstreek, Leiden, Den Haag, Delft, Rotterdam, Dordrecht
	[3400, 3769, 'Utrecht'], // Utrecht, Nieuwegein, Zeist, Soest
	[3770, 3799, 'Gelderland'], // Barneveld
	[3800, 3849, 'Utrecht'], // Amersfoort
	[3850, 3899, 'Gelderland'], // Ermelo, Harderwijk, Putten
	[3900, 3999, 'Utrecht'], // Veenendaal, Rhenen, Wijk bij Duurstede
	[4000, 4119, 'Gelderland'], // Tiel, Culemborg
	[4120, 4199, 'Utrecht'], // Vianen
	[4200, 4299, 'Zuid-Holland'], // Gorinchem
	[4300, 4599, 'Zeeland'],
	[4600, 5299, 'Noord-Brabant'], // Bergen op Zoom, Roosendaal, Breda, Tilburg, 's-Hertogenbosch
	[5300, 5339, 'Gelderland'], // Zaltbommel (Bommelerwaard)
	[5340, 5799, 'Noord-Brabant'], // Oss, Eindhoven, Helmond
	[5800, 6499, 'Limburg'], // Venray, Venlo, Weert, Roermond, Sittard, Maastricht, Heerlen
	[6500, 6579, 'Gelderland'], // Nijmegen
	[6580, 6599, 'Limburg'], // Mook en Middelaar, Gennep
	[6600, 7399, 'Gelderland'], // Wageningen, Ede, Arnhem, Doetinchem, Apeldoorn
	[7400, 7739, 'Overijssel'], // Deventer, Enschede, Hengelo, Almelo, Dedemsvaart, Ommen
	[7740, 7769, 'Drenthe'], // Coevorden, Dalen, Schoonebeek
	[7770, 7799, 'Overijssel'], // Hardenberg, Slagharen, De Krim, Gramsbergen (777x was Drenthe: wrong)
	[7800, 7999, 'Drenthe'], // Emmen, Hoogeveen, Meppel
	[8000, 8199, 'Overijssel'], // Zwolle, Raalte
	[8200, 8259, 'Flevoland'], // Lelystad, Dronten
	[8260, 8299, 'Overijssel'], // Kampen
	[8300, 8329, 'Flevoland'], // Emmeloord, Urk
	[8330, 8379, 'Overijssel'], // Steenwijk
	[8380, 8399, 'Drenthe'],
	[8400, 9299, 'Friesland'], // Heerenveen, Sneek, Leeuwarden, Drachten
	[9300, 9349, 'Drenthe'], // Roden
	[9350, 9399, 'Groningen'], // Leek
	[9400, 9499, 'Drenthe'], // Assen
	[9500, 9999, 'Groningen'], // Stadskanaal, Groningen, Delfzijl
]

/** The four digits of a Dutch postcode ('3511 AB', '3511ab', '3511'), or null. */
export function postcodeDigits(postcode: string): number | null {
	const match = /^\s*([1-9]\d{3})\s*(?:[A-Za-z]{2})?\s*$/.exec(postcode)
	return match ? Number(match[1]) : null
}

export function provinceOfPostcode(postcode: string): Province | null {
	const digits = postcodeDigits(postcode)
	if (digits === null) return null
	return POSTCODE_PROVINCE_RANGES.find(([first, last]) => digits >= first && digits <= last)?.[2] ?? null
}

export function isProvince(value: unknown): value is Province {
	return typeof value === 'string' && (PROVINCES as readonly string[]).includes(value)
}

/** The province shown in the register: the provider's own, else the one its postcode suggests. */
export function registerProvince(province: string | null, postcode: string): Province | null {
	if (province) {
		const own = PROVINCES.find((candidate) => candidate.toLowerCase() === province.trim().toLowerCase())
		if (own) return own
	}
	return provinceOfPostcode(postcode)
}
