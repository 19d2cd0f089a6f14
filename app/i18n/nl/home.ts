// The public start page.
export const home = {
	title: 'Keurmerk Basis GGZ',
	lead: 'Het {mark} laat zien dat een aanbieder van generalistische basis-ggz voldoet aan de normen die KiBG samen met het veld elk jaar opstelt.',
	registerTitle: 'Zoek een keurmerkdrager',
	registerText:
		'Cliënten, huisartsen en zorgverzekeraars vinden in het Keurmerkregister welke aanbieders het keurmerk dragen.',
	registerCta: 'Naar het Keurmerkregister',
	verifyTitle: 'Certificaat controleren',
	verifyText: 'Controleer met het certificaatnummer of een keurmerkcertificaat geldig is.',
	verifyCta: 'Certificaat controleren',
	providersTitle: 'Voor zorgaanbieders',
	// {date}: the qualification deadline of the year ahead, inclusive ('31 maart 2027').
	providersTextDeadline: 'Vraag het keurmerk aan, teken de overeenkomst en vul uiterlijk {date} uw zelfevaluatie in.',
	providersTextNoYear:
		'Vraag het keurmerk aan, teken de overeenkomst en vul elk jaar vóór de kwalificatiedeadline van dat jaar uw zelfevaluatie in.',
	providersCta: 'Inloggen',
	applyCta: 'Keurmerk aanvragen',
	cycleTitle: 'Het keurmerkjaar {year}',
	cycleApplicationWindow: 'Aanvragen voor {year}: {from} t/m {until}',
	searchLabel: 'Naam of plaats',
	searchSubmit: 'Zoeken in het register',
	verifyLabel: 'Certificaatnummer',
	normsLink: 'De normen per jaar',
} satisfies Record<string, string>
