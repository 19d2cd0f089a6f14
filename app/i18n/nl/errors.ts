// Error pages and generic failures.
export const errors = {
	notFoundTitle: 'Pagina niet gevonden',
	notFoundText: 'Deze pagina bestaat niet, of u heeft er geen toegang toe.',
	forbiddenTitle: 'Geen toegang',
	forbiddenText: 'U heeft geen toegang tot deze pagina.',
	unexpectedTitle: 'Er ging iets mis',
	unexpectedText:
		'Er is een onverwachte fout opgetreden. Probeer het later opnieuw; blijft het misgaan, neem dan contact op met het bedrijfsbureau van KiBG.',
	badRequestTitle: 'Ongeldig verzoek',
	tooManyRequests: 'Te veel pogingen. Probeer het over {minutes} minuten opnieuw.',
	conflict:
		'Iemand anders heeft dit intussen gewijzigd. Uw invoer is bewaard; bekijk de nieuwe versie en probeer het opnieuw.',
	goHome: 'Naar de startpagina',
	goBack: 'Terug naar de vorige pagina',
	statusCode: 'Foutcode {status}',
} satisfies Record<string, string>
