// Messages of the register area: the public register, carrier pages, certificate verification,
// published norms and open data (issue 6).
export const register = {
	areaTitle: 'Keurmerkregister',

	// Search
	searchTitle: 'Keurmerkregister {year}',
	searchTitleNoYear: 'Keurmerkregister',
	searchLead:
		'De zorgaanbieders die in {year} het keurmerk dragen (voor een afgelopen jaar: aan het eind van dat jaar).',
	searchFormTitle: 'Zoeken en filteren',
	searchQuery: 'Naam of plaats',
	searchQueryHint: 'Bijvoorbeeld “Praktijk de Linde” of “Zwolle”. Een tikfout of “Den Bosch” vindt ook.',
	filtersTitle: 'Filters en sortering',
	filtersActive: 'Filters en sortering ({count} actief)',
	filtersApply: 'Filters toepassen',
	legendTitle: 'Wat betekenen Keurmerkdrager en Gekwalificeerd?',
	// {date}: the year's qualification deadline, inclusive ('31 maart 2027'): a setting of the year.
	legendListed:
		'De aanbieder heeft de overeenkomst voor dit keurmerkjaar getekend en staat in het register. Zij moet zich uiterlijk {date} kwalificeren met een zelfevaluatie; lukt dat niet, dan wordt het keurmerk ingetrokken.',
	legendListedNoDate:
		'De aanbieder heeft de overeenkomst voor dit keurmerkjaar getekend en staat in het register. Zij moet zich vóór de kwalificatiedeadline van het jaar kwalificeren met een zelfevaluatie; lukt dat niet, dan wordt het keurmerk ingetrokken.',
	legendQualified:
		'KiBG heeft de zelfevaluatie van dit jaar goedgekeurd: de aanbieder heeft laten zien dat zij aan alle normen van dit jaar voldoet. Zij heeft een certificaat dat u kunt controleren.',
	legendWithdrawn:
		'Het keurmerk is ingetrokken en de aanbieder is uit het register verwijderd. Alleen de eigen pagina en de certificaatcontrole noemen nog de datum van intrekking.',
	searchType: 'Soort aanbieder',
	searchTypeAll: 'Alle soorten',
	searchProvince: 'Provincie',
	searchProvinceAll: 'Alle provincies',
	searchCity: 'Plaats',
	searchCityHint: 'De hele plaatsnaam, bijvoorbeeld Den Haag.',
	searchPostcode: 'Postcodegebied',
	searchPostcodeHint: 'De eerste 2 tot 4 cijfers van de postcode, bijvoorbeeld 35 of 3511.',
	searchStatus: 'Status',
	searchStatusAll: 'Alle statussen',
	searchYear: 'Keurmerkjaar',
	searchSort: 'Sorteren op',
	sortName: 'Naam',
	sortCity: 'Plaats',
	sortStatus: 'Status',
	searchSubmit: 'Zoeken',
	searchReset: 'Alle filters wissen',
	searchIgnored: 'Niet alles in deze link was geldig. Genegeerd: {fields}.',
	resultCount:
		'{count, plural, =0 {Geen aanbieders gevonden} one {# aanbieder gevonden} other {# aanbieders gevonden}}',
	resultsEmpty: 'Niets gevonden met deze zoekopdracht. Controleer de spelling of wis een filter.',
	registerEmpty: 'Het register van dit jaar is nog leeg.',
	resultsTitle: 'Zoekresultaten',
	pagination: 'Paginering',
	pagePrevious: 'Vorige pagina',
	pageNext: 'Volgende pagina',
	pageOf: 'Pagina {page} van {count}',
	searchPage: 'Paginanummer',
	openDataLink: 'Het register als open data (CSV en JSON)',

	// Statuses
	status_listed: 'Keurmerkdrager',
	status_qualified: 'Gekwalificeerd',
	status_withdrawn: 'Ingetrokken',
	statusFilter_listed: 'Keurmerkdrager, nog niet gekwalificeerd ({count})',
	statusFilter_qualified: 'Gekwalificeerd ({count})',
	statusFilter_withdrawn: 'Ingetrokken ({count})',
	statusListedSince: 'Keurmerkdrager sinds {date}',
	statusQualifiedSince: 'Gekwalificeerd op {date}',
	statusWithdrawnOn: 'Ingetrokken per {date}',
	statusExpired: 'Keurmerkjaar afgelopen op {date}',

	// Carrier page
	carrierType: 'Soort',
	carrierAddress: 'Plaats',
	carrierProvince: 'Provincie',
	carrierWebsite: 'Website',
	carrierYears: 'Keurmerkdrager in',
	carrierCurrentTitle: 'Status {year}',
	carrierListedText:
		'Opgenomen in het register sinds {date}. De zelfevaluatie van {year} is nog niet goedgekeurd; een keurmerkdrager moet zich uiterlijk {deadline} kwalificeren.',
	carrierQualifiedText:
		'Gekwalificeerd voor {year} op {date}: de aanbieder heeft met een zelfevaluatie laten zien dat zij aan de normen van {year} voldoet.',
	carrierWithdrawnText:
		'Het keurmerk van deze aanbieder is per {date} ingetrokken. De aanbieder staat sindsdien niet meer als keurmerkdrager in het register.',
	carrierExpiredText: 'Het keurmerkjaar {year} is afgelopen.',
	carrierCertificate: 'Certificaatnummer',
	carrierCertificateValid: 'Geldig tot en met',
	carrierVerifyLink: 'Certificaat {number} controleren',
	carrierHistoryTitle: 'Geschiedenis',
	carrierHistoryYear: 'Jaar',
	carrierHistoryStatus: 'Status',
	carrierHistoryCertificate: 'Certificaat',
	carrierNorms: 'Normen van {year}',
	carrierPrivacy:
		'Het register toont alleen openbare gegevens. De inhoud van zelfevaluaties, beoordelingen en omzet is niet openbaar.',
	backToRegister: 'Terug naar het register',
	carrierDetailsTitle: 'Gegevens',
	carrierLocationsTitle: 'Vestiging',
	carrierLocationsLead: 'Waar deze aanbieder zorg verleent, zoals zij dat aan KiBG opgaf.',
	carrierLocationOthers: 'Andere keurmerkdragers in {city}',
	carrierStatusHelp: 'Wat betekent deze status?',

	// Badge
	badgeTitleSection: 'Het keurmerk op uw eigen website',
	badgeLead:
		'Bent u deze aanbieder? Zet dit beeldmerk op uw website. Het toont altijd de status van dat moment en linkt naar deze pagina; wordt het keurmerk ingetrokken, dan toont het geen geldig keurmerk meer.',
	badgePreview: 'Zo ziet het eruit',
	badgeSnippet: 'HTML-code om op uw website te plakken',
	badgeSnippetHint: 'Selecteer alles in het vak en kopieer het.',
	badgeImageLink: 'Alleen de afbeelding (SVG)',
	badgeAlt: '{mark} — {name}: bekijk de actuele status in het Keurmerkregister',
	badgeTitle: '{mark} — {name}: {status}',
	badgeStatusQualified: 'Gekwalificeerd {year}',
	badgeStatusListed: 'Keurmerkdrager {year}',
	badgeStatusWithdrawn: 'Ingetrokken per {date}',
	badgeStatusNone: 'Geen geldig keurmerk',

	// Verification
	verifyTitle: 'Certificaat controleren',
	verifyLead:
		'Controleer of een keurmerkcertificaat geldig is. Het nummer staat op het certificaat, bijvoorbeeld KBG-2026-0042. De QR-code op het certificaat leidt ook naar deze pagina.',
	verifyNumber: 'Certificaatnummer',
	verifyNumberHint: 'Bijvoorbeeld KBG-2026-0042.',
	verifySubmit: 'Controleren',
	verifyInvalid: 'Vul een certificaatnummer in zoals KBG-2026-0042.',
	verifyAnother: 'Een ander certificaat controleren',
	verifyResultTitle: 'Certificaat {number}',
	verify_valid: 'Geldig',
	verify_not_yet_valid: 'Nog niet geldig',
	verify_withdrawn: 'Ingetrokken',
	verify_expired: 'Verlopen',
	verify_unknown: 'Onbekend',
	verifyValidText:
		'{name} in {city} is gekwalificeerd voor het {mark} {year}. Dit certificaat is geldig tot en met {date}.',
	verifyNotYetValidText:
		'{name} in {city} heeft zich gekwalificeerd voor het {mark} {year}. Het certificaat is geldig zodra de aanbieder in het register is opgenomen.',
	verifyWithdrawnText:
		'Het keurmerk van {name} in {city} voor {year} is per {date} ingetrokken. Dit certificaat is niet meer geldig.',
	verifyExpiredText:
		'Dit certificaat van {name} in {city} was geldig tot en met {date}. Het keurmerkjaar {year} is afgelopen.',
	verifyUnknownText:
		'Er is geen geldig certificaat met dit nummer. Controleer het nummer; een certificaat dat niet in dit register staat, is niet door KiBG uitgegeven.',
	verifyLiveNote: 'Deze controle toont de status van dit moment ({date}).',
	verifyCarrierLink: 'Bekijk {name} in het register',

	// Norms
	normsTitle: 'Normen',
	normsLead:
		'De normen van het keurmerk worden elk jaar opnieuw vastgesteld, na een consultatie van het veld. Hieronder staan de gepubliceerde normen per keurmerkjaar.',
	normsEmpty: 'Er zijn nog geen normen gepubliceerd.',
	normsYearLink: 'Normen {year}',
	normsCounts: '{themes, plural, one {# thema} other {# thema’s}}, {norms, plural, one {# norm} other {# normen}}',
	normsPublishedOn: 'Gepubliceerd op {date}',
	normsYearTitle: 'Normen {year}',
	normsTheme: 'Thema: {title}',
	normsNorm: 'Norm {code}. {title}',
	normsClientPromise: 'Cliëntbelofte',
	normsSafeguards: 'Wat is geborgd?',
	normsCriteria: 'Kwalificatiecriteria',
	normsAlternative: 'of',
	normsAppliesTo: 'Geldt alleen voor: {who}',
	applies_chronic_echelon: 'aanbieders in het echelon GBGGZ Chronisch',
	applies_independent_practice: 'vrijgevestigde aanbieders',
	applies_institution: 'GGZ-instellingen',
	normsReconstructed:
		'Deze tekst is gereconstrueerd uit het consultatiedocument; KiBG levert de definitieve formulering.',
	normsChangesTitle: 'Vergeleken met {year} (het vorige jaar in dit portaal)',
	normsStatementTitle: 'Wat is er veranderd ten opzichte van {year}',
	normsStatementSource: 'Volgens KiBG: {source}.',
	normsStatementGap:
		'De normen van {since} staan niet in dit portaal. Hieronder volgt daarom ook de vergelijking met {year}, het vorige jaar dat hier wel staat.',
	normsChange_changed: 'gewijzigd',
	normsChange_minor: 'nauwelijks gewijzigd',
	normsChange_new: 'nieuw',
	normsChange_removed: 'vervallen',
	normsStatementWas: 'was norm {code}: {title}',
	normsMatchedByContent: 'dezelfde norm onder een nieuwe naam',
	normsFirstYearTitle: 'Wat is er veranderd',
	normsFirstYear: 'Dit is het eerste gepubliceerde jaar; er is geen vorig jaar om mee te vergelijken.',
	normsNoChanges: 'Geen wijzigingen ten opzichte van {year}.',
	normsAdded: 'Nieuwe normen',
	normsRemoved: 'Vervallen normen',
	normsChanged: 'Gewijzigde normen',
	criteriaAdded: 'Nieuwe criteria',
	criteriaRemoved: 'Vervallen criteria',
	criteriaChanged: 'Criteria met een andere vraag',
	criteriaMoved: 'Criteria anders ingedeeld of genummerd',
	criteriaUnchanged: '{count, plural, one {# criterium is} other {# criteria zijn}} ongewijzigd.',
	normsPrevious: 'Normen {year}',
	normsNext: 'Normen {year}',

	// Open data
	openDataTitle: 'Open data: het Keurmerkregister',
	openDataLead:
		'Zorgverzekeraars, verwijzers en anderen kunnen het register van elk jaar downloaden als CSV of JSON, om het in hun eigen systemen te gebruiken. De gegevens zijn openbaar en vrij te gebruiken.',
	openDataFiles: 'Bestanden',
	openDataJson: 'JSON van {year}',
	openDataCsv: 'CSV van {year}',
	openDataYearParam: 'Kies een ander jaar met ?jaar=, bijvoorbeeld {example}.',
	openDataSchemaTitle: 'Velden (schema versie 1)',
	openDataField: 'Veld',
	openDataMeaning: 'Betekenis',
	openDataUsageTitle: 'Gebruik',
	openDataUsage1:
		'De statussen zijn die van vandaag voor het lopende jaar, en die van 31 december voor een afgelopen jaar (veld statusOn).',
	openDataUsage2:
		'Elk antwoord heeft een ETag. Stuur die mee als If-None-Match; is er niets veranderd, dan krijgt u 304 Not Modified zonder inhoud. Ververs hooguit elke vijf minuten.',
	openDataUsage3: 'De bestanden zijn vanaf elke website op te halen (CORS: Access-Control-Allow-Origin *).',
	openDataUsage4:
		'De CSV gebruikt een puntkomma als scheidingsteken en UTF-8 met BOM, zodat Excel hem direct goed opent. Data zijn kalenderdagen (JJJJ-MM-DD) in Nederlandse tijd.',
	openDataUsage5:
		'Versie 1 verandert niet: nieuwe velden of andere betekenissen komen in een nieuwe versie onder een nieuw adres.',
	openDataCertificateNote: 'Controleer een los certificaat liever live via {url}.',
	field_schemaVersion: 'Versie van het schema: 1.',
	field_year: 'Het keurmerkjaar.',
	field_statusOn: 'De dag waarop de statussen gelden (JJJJ-MM-DD).',
	field_count: 'Aantal aanbieders in carriers.',
	field_name: 'Naam van de aanbieder.',
	field_slug: 'Vaste sleutel van de aanbieder; verandert niet tussen jaren.',
	field_url: 'De pagina van de aanbieder in het register.',
	field_type: 'independent_practice (vrijgevestigde aanbieder) of institution (GGZ-instelling).',
	field_city: 'Plaats van vestiging.',
	field_postcode: 'Postcode van vestiging (1234 AB).',
	field_province:
		'Provincie: zoals de aanbieder die opgaf, anders afgeleid uit de postcode (benadering); leeg als onbekend.',
	field_website: 'Website van de aanbieder, of leeg.',
	field_status:
		'listed (keurmerkdrager, nog niet gekwalificeerd) of qualified (gekwalificeerd). Een ingetrokken keurmerkdrager staat niet meer in het register en dus niet in dit bestand.',
	field_listedFrom: 'Sinds wanneer de aanbieder dit jaar in het register staat.',
	field_withdrawnOn:
		'Altijd leeg: een ingetrokken keurmerkdrager staat niet in het register (het veld blijft voor schemaversie 1).',
	field_qualifiedOn: 'Datum van kwalificatie bij status qualified, anders leeg.',
	field_certificateNumber: 'Nummer van het keurmerkcertificaat (KBG-JJJJ-NNNN), of leeg.',
	field_certificateValidUntil: 'Laatste geldige dag van het certificaat bij status qualified, anders leeg.',
} satisfies Record<string, string>
