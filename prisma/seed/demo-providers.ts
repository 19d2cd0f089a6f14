// The providers of the demo: Dutch names and places, both kinds, and a story per mark year that
// takes each through a different path of the cycle (DOMAIN.md §4). Stories are relative to the
// year's own calendar; whatever lies after the demo's "now" simply has not happened yet.

export type Story =
	| 'none'
	| 'offered' // offered, never signed (withdrawn by the 1 April run)
	| 'declined'
	| 'signed' // signed, then nothing (listed; withdrawn per 1 April unless it submits)
	| 'draft' // listed, a self-evaluation half filled in
	| 'late_submit' // submits late in March
	| 'qualified'
	| 'qualified_after_revision'
	| 'revision_pending' // a revision requested late in March, not yet answered
	| 'not_qualified' // the last allowed revision is still insufficient
	| 'withdrawn_request' // withdrawn at the provider's request
	| 'withdrawn_unpaid' // withdrawn for an unpaid fee of the year before
	| 'renewal_signed' // a current carrier that signed next year's agreement (offered in May)

export interface DemoProvider {
	name: string
	type: 'independent_practice' | 'institution'
	street: string
	houseNumber: string
	postcode: string
	city: string
	province: string
	website: string
	chronic: boolean
	/** A contact person: becomes the first member with signing authority. */
	contact: { name: string; email: string; jobTitle: string }
	/** Stories for the mark years Y-2, Y-1, Y and Y+1 (Y = the year running at the demo's now). */
	stories: [Story, Story, Story, Story]
	/** Realised turnover per finished year, in euros. */
	turnover: number
}

const p = (
	name: string,
	type: DemoProvider['type'],
	[street, houseNumber, postcode, city, province]: [string, string, string, string, string],
	contact: [string, string],
	stories: DemoProvider['stories'],
	turnover: number,
	chronic = false,
): DemoProvider => ({
	name,
	type,
	street,
	houseNumber,
	postcode,
	city,
	province,
	website: `https://www.${name
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '')
		.slice(0, 30)}.nl`,
	chronic,
	contact: {
		name: contact[0],
		email: contact[1],
		jobTitle: type === 'institution' ? 'Manager kwaliteit' : 'Praktijkhouder',
	},
	stories,
	turnover,
})

// A table: one provider per line reads better than one argument per line.
// prettier-ignore
export const demoProviders: DemoProvider[] = [
	// The two demo organisations of the README.
	p('Praktijk Visser', 'independent_practice', ['Oudegracht', '112', '3511 AX', 'Utrecht', 'Utrecht'], ['Sanne Visser', 'praktijk@aanbieder.demo'], ['qualified', 'qualified', 'draft', 'renewal_signed'], 68_500),
	p('GGZ Rivierenland', 'institution', ['Stationsweg', '4', '4001 LK', 'Tiel', 'Gelderland'], ['Ahmed Yilmaz', 'instelling@aanbieder.demo'], ['qualified_after_revision', 'qualified', 'qualified', 'renewal_signed'], 3_250_000, true),

	p('Psychologenpraktijk De Linde', 'independent_practice', ['Lindelaan', '8', '8011 CE', 'Zwolle', 'Overijssel'], ['Marloes de Linde', 'info@delinde.demo'], ['qualified', 'qualified', 'qualified', 'renewal_signed'], 54_000),
	p('Praktijk voor Psychologie Bakker', 'independent_practice', ['Utrechtseweg', '45', '3818 EB', 'Amersfoort', 'Utrecht'], ['Peter Bakker', 'p.bakker@psychologiebakker.demo'], ['qualified', 'qualified_after_revision', 'late_submit', 'none'], 91_200),
	p('Psychotherapiepraktijk Van Dijk', 'independent_practice', ['Herestraat', '19', '9711 LD', 'Groningen', 'Groningen'], ['Eva van Dijk', 'eva@vandijkpsychotherapie.demo'], ['qualified', 'qualified', 'revision_pending', 'none'], 47_800),
	p('Praktijk Mentaal Fit', 'independent_practice', ['Stratumseind', '60', '5611 ET', 'Eindhoven', 'Noord-Brabant'], ['Kevin Smits', 'kevin@mentaalfit.demo'], ['none', 'signed', 'signed', 'none'], 38_900),
	p('Psychologenpraktijk Het Anker', 'independent_practice', ['Grote Houtstraat', '77', '2011 SG', 'Haarlem', 'Noord-Holland'], ['Femke Mulder', 'femke@hetanker.demo'], ['qualified', 'qualified', 'qualified', 'renewal_signed'], 72_300),
	p('Praktijk De Horizon', 'independent_practice', ['Nieuwestad', '30', '8911 CK', 'Leeuwarden', 'Friesland'], ['Jelle Hoekstra', 'jelle@dehorizon.demo'], ['qualified', 'not_qualified', 'qualified', 'none'], 29_600),
	p('Jansen & De Vries Psychologen', 'independent_practice', ['Molenstraat', '15', '6511 HB', 'Nijmegen', 'Gelderland'], ['Lisa Jansen', 'lisa@jansendevries.demo'], ['qualified', 'qualified', 'qualified_after_revision', 'renewal_signed'], 118_000),
	p('Zuidas Psychologen', 'independent_practice', ['Gustav Mahlerlaan', '300', '1082 ME', 'Amsterdam', 'Noord-Holland'], ['Daan Koster', 'daan@zuidaspsychologen.demo'], ['none', 'qualified', 'qualified', 'none'], 133_400),
	p('Praktijk Vecht en Veen', 'independent_practice', ['Straatweg', '66', '3621 BR', 'Breukelen', 'Utrecht'], ['Nienke Bos', 'nienke@vechtenveen.demo'], ['qualified', 'qualified', 'withdrawn_request', 'none'], 41_000),
	p('Psychologiepraktijk Ten Brinke', 'independent_practice', ['Oldenzaalsestraat', '210', '7514 DT', 'Enschede', 'Overijssel'], ['Ruben ten Brinke', 'ruben@tenbrinke.demo'], ['qualified', 'qualified', 'declined', 'none'], 35_700),
	p('Praktijk Waddenzorg', 'independent_practice', ['Voorstraat', '9', '8861 BH', 'Harlingen', 'Friesland'], ['Anouk Dijkstra', 'anouk@waddenzorg.demo'], ['none', 'none', 'offered', 'none'], 22_400),
	p('Psychologenpraktijk Maasoever', 'independent_practice', ['Maasboulevard', '5', '6211 JW', 'Maastricht', 'Limburg'], ['Luc Claessens', 'luc@maasoever.demo'], ['qualified', 'qualified', 'qualified', 'renewal_signed'], 63_900),
	p('Praktijk Samen Sterk', 'independent_practice', ['Hoogstraat', '140', '3011 PV', 'Rotterdam', 'Zuid-Holland'], ['Samira Amrani', 'samira@samensterk.demo'], ['qualified', 'withdrawn_unpaid', 'signed', 'none'], 31_200),
	p('Psychologiepraktijk De Brug', 'independent_practice', ['Brugstraat', '3', '4811 WG', 'Breda', 'Noord-Brabant'], ['Thomas Verbeek', 'thomas@debrug.demo'], ['qualified', 'qualified', 'late_submit', 'none'], 57_300),
	p('Praktijk Kust en Kalmte', 'independent_practice', ['Boulevard de Wielingen', '21', '4382 AH', 'Vlissingen', 'Zeeland'], ['Inge de Klerk', 'inge@kustenkalmte.demo'], ['none', 'qualified', 'draft', 'none'], 26_800),
	p('Psychotherapie Hofstad', 'independent_practice', ['Lange Voorhout', '44', '2514 EG', 'Den Haag', 'Zuid-Holland'], ['Willem Hofstede', 'willem@hofstad.demo'], ['qualified', 'qualified', 'qualified', 'renewal_signed'], 84_100),
	p('Praktijk Veluwezicht', 'independent_practice', ['Hoofdstraat', '88', '7311 BD', 'Apeldoorn', 'Gelderland'], ['Merel Wolters', 'merel@veluwezicht.demo'], ['qualified', 'qualified', 'signed', 'none'], 44_600),
	p('Psychologen Drenthe Zuid', 'independent_practice', ['Hoofdstraat', '12', '7811 EJ', 'Emmen', 'Drenthe'], ['Bas Hofman', 'bas@drenthezuid.demo'], ['none', 'none', 'qualified', 'none'], 33_000),
	p('Praktijk Lichtpunt', 'independent_practice', ['Grote Markt', '7', '1315 JA', 'Almere', 'Flevoland'], ['Yara Doğan', 'yara@lichtpunt.demo'], ['qualified', 'qualified', 'qualified_after_revision', 'none'], 49_900),
	p('Psychologenpraktijk Achterhoek', 'independent_practice', ['Laan van Hilbelink', '2', '7001 AB', 'Doetinchem', 'Gelderland'], ['Gerrit Ebbers', 'gerrit@achterhoekpsy.demo'], ['qualified', 'qualified', 'qualified', 'none'], 39_400),
	p('Praktijk Nieuw Perspectief', 'independent_practice', ['Kerkstraat', '25', '5211 KH', "'s-Hertogenbosch", 'Noord-Brabant'], ['Fleur van den Berg', 'fleur@nieuwperspectief.demo'], ['none', 'qualified', 'revision_pending', 'none'], 52_700),
	p('Psychologiepraktijk Elfsteden', 'independent_practice', ['Sneekermeer', '1', '8601 AA', 'Sneek', 'Friesland'], ['Hylke Postma', 'hylke@elfsteden.demo'], ['none', 'none', 'signed', 'none'], 18_900),

	p('Basis GGZ Noord', 'institution', ['Dr. Nassaulaan', '10', '9401 HK', 'Assen', 'Drenthe'], ['Karin Meijer', 'kwaliteit@basisggznoord.demo'], ['qualified', 'qualified', 'qualified', 'renewal_signed'], 2_480_000, true),
	p('Stichting Mentaal Welzijn Brabant', 'institution', ['Vughterweg', '47', '5211 CK', "'s-Hertogenbosch", 'Noord-Brabant'], ['Joris van Gerwen', 'kwaliteit@mwbrabant.demo'], ['qualified', 'qualified_after_revision', 'qualified', 'renewal_signed'], 5_730_000, true),
	p('GGZ Kennemerland Basis', 'institution', ['Spaarne', '100', '2011 CL', 'Haarlem', 'Noord-Holland'], ['Sophie Kramer', 'kwaliteit@ggzkennemerland.demo'], ['qualified', 'qualified', 'late_submit', 'none'], 1_960_000),
	p('Zorggroep Oost-Veluwe', 'institution', ['Deventerstraat', '140', '7321 CE', 'Apeldoorn', 'Gelderland'], ['Hans Schouten', 'kwaliteit@zorggroepov.demo'], ['qualified', 'qualified', 'qualified', 'none'], 4_120_000, true),
	p('Kortdurende GGZ Zeeland', 'institution', ['Lange Noordstraat', '1', '4331 CB', 'Middelburg', 'Zeeland'], ['Marieke Boone', 'kwaliteit@ggzzeeland.demo'], ['none', 'qualified', 'qualified_after_revision', 'none'], 1_340_000),
	p('Centrum Psychische Zorg Limburg', 'institution', ['Wilhelminasingel', '20', '6221 BG', 'Maastricht', 'Limburg'], ['Stefan Janssen', 'kwaliteit@cpzlimburg.demo'], ['qualified', 'qualified', 'revision_pending', 'none'], 2_860_000, true),
	p('GGZ Duin en Bollen', 'institution', ['Breestraat', '60', '2311 CS', 'Leiden', 'Zuid-Holland'], ['Annemarie Vos', 'kwaliteit@duinenbollen.demo'], ['qualified', 'qualified', 'qualified', 'renewal_signed'], 2_150_000),
	p('Basispsychologen Twente', 'institution', ['Marktstraat', '8', '7551 DR', 'Hengelo', 'Overijssel'], ['Tim Nijhuis', 'kwaliteit@basistwente.demo'], ['qualified', 'not_qualified', 'late_submit', 'none'], 880_000),
	p('Stichting Welzijn en Psyche Utrecht', 'institution', ['Catharijnesingel', '50', '3511 GC', 'Utrecht', 'Utrecht'], ['Roos Hendriks', 'kwaliteit@wenpu.demo'], ['none', 'qualified', 'qualified', 'none'], 3_410_000, true),
	p('GGZ Westland', 'institution', ['Herenstraat', '31', '2671 JR', 'Naaldwijk', 'Zuid-Holland'], ['Pieter Zwinkels', 'kwaliteit@ggzwestland.demo'], ['qualified', 'withdrawn_request', 'none', 'none'], 760_000),
	p('Psychosociaal Centrum Flevoland', 'institution', ['Stadhuisplein', '3', '8232 XW', 'Lelystad', 'Flevoland'], ['Naima El Idrissi', 'kwaliteit@pscflevoland.demo'], ['none', 'qualified', 'qualified', 'renewal_signed'], 1_120_000),
	p('Groninger Basis GGZ', 'institution', ['Vismarkt', '40', '9712 CB', 'Groningen', 'Groningen'], ['Wietse Bosma', 'kwaliteit@groningerbasis.demo'], ['qualified', 'qualified', 'qualified', 'none'], 2_020_000),
	p('GGZ Hart van Brabant', 'institution', ['Spoorlaan', '400', '5038 CG', 'Tilburg', 'Noord-Brabant'], ['Loes van Boxtel', 'kwaliteit@hartvanbrabant.demo'], ['qualified', 'qualified', 'draft', 'none'], 4_450_000, true),
	p('Basis GGZ Zaanstreek', 'institution', ['Gedempte Gracht', '90', '1506 CK', 'Zaandam', 'Noord-Holland'], ['Mark de Wit', 'kwaliteit@zaanstreek.demo'], ['none', 'qualified', 'withdrawn_request', 'none'], 640_000),
	p('Kortdurende Zorg Gooi en Vecht', 'institution', ['Kerkstraat', '2', '1211 CL', 'Hilversum', 'Noord-Holland'], ['Charlotte Brouwer', 'kwaliteit@gooienvecht.demo'], ['qualified', 'qualified', 'qualified', 'renewal_signed'], 1_690_000),
	p('GGZ Delta Dordrecht', 'institution', ['Voorstraat', '200', '3311 ES', 'Dordrecht', 'Zuid-Holland'], ['Ahmet Kaya', 'kwaliteit@ggzdelta.demo'], ['none', 'none', 'offered', 'none'], 950_000),
]
