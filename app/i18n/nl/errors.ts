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
	tooLargeTitle: 'Te veel gegevens verstuurd',
	tooLargeText:
		'Wat u verstuurde is groter dan het portaal aanneemt (een formulier hoogstens 1 MB, een bestand hoogstens 20 MB). Ga terug, maak de tekst of het bestand kleiner en probeer het opnieuw.',
	controlCharacter:
		'Dit veld bevat een onzichtbaar stuurteken (bijvoorbeeld een NUL-teken uit tekst die uit een pdf is geplakt). Haal het weg of typ de tekst opnieuw.',
	controlCharacterForm:
		'Het formulier bevat een onzichtbaar stuurteken (bijvoorbeeld uit tekst die uit een pdf is geplakt). Er is niets opgeslagen; haal het teken weg en probeer het opnieuw.',
	fieldTooLong: 'Deze tekst is te lang.',
	goHome: 'Naar de startpagina',
	goBack: 'Terug naar de vorige pagina',
	statusCode: 'Foutcode {status}',
} satisfies Record<string, string>
