// Test fixtures only: the real norm-set files and realistic answers of a provider.
import normSet2018Json from '../../../prisma/norm-sets/2018.json'
import normSet2022Json from '../../../prisma/norm-sets/2022.json'
import { allEvidence, assertNormSet } from '../norm-set'
import type { EvidenceItem, NormSet } from '../norm-set'
import type { Answers, EvidenceAnswer } from '../self-evaluation'

export const normSet2018: NormSet = assertNormSet(normSet2018Json)
export const normSet2022: NormSet = assertNormSet(normSet2022Json)

export const rawNormSet2018: unknown = normSet2018Json
export const rawNormSet2022: unknown = normSet2022Json

const doc = (id: string, name: string) => ({ id, name })

/** A realistic, complete 2018 self-evaluation of an institution that treats in the chronic echelon. */
export const answers2018: Answers = {
	'shared-decision-treatment-plan.format': {
		documents: [doc('doc-1', 'Format behandelplan 2018.docx')],
		checkedElements: [
			'hulpvraag en aanleiding',
			'behandeldoelen, inclusief omschrijving wanneer deze zijn behaald',
			'behandelmethode',
			'wederzijdse verwachtingen (inspanningen / verantwoordelijkheden)',
			'vragen voor tussentijdse evaluatie',
			'aantekening van toestemming van de cliënt voor uitvoering van het behandelplan',
		],
	},
	'cq-index-shared-decision-score.score': { number: 3.42, documents: [] },
	'cq-index-shared-decision-score.context': {
		text: 'CQ-index GGZ ambulant, meting januari–december 2017, 212 respondenten.',
		documents: [],
	},
	'timely-implementation-standards.explanation': {
		text: 'De kwaliteitscommissie volgt maandelijks de publicaties van het Netwerk Kwaliteitsontwikkeling GGz. Binnen zes weken na publicatie maakt zij een implementatieplan; binnen zes maanden is de standaard in scholing, werkinstructies en het EPD verwerkt.',
		documents: [],
	},
	'implemented-standards.explanation': {
		text: 'In 2017 hebben wij de Landelijke GGZ samenwerkingsafspraken, de Generieke module Samenwerking en ondersteuning naasten en de Generieke module Zelfmanagement geïmplementeerd, naast de zorgstandaard Angstklachten.',
		documents: [],
	},
	'changes-from-standards.explanation': {
		text: 'Naasten worden nu standaard uitgenodigd voor het tweede gesprek, en elke cliënt krijgt bij de start een zelfmanagementmodule aangeboden in ons eHealthplatform. Het verwijsbericht aan de huisarts volgt de samenwerkingsafspraken.',
		documents: [],
	},
	'relapse-prevention-plan.format': {
		documents: [doc('doc-2', 'Terugvalpreventieplan (leeg).pdf')],
		checkedElements: [
			'Informatie over het voorkomen van een terugval',
			'Risico’s van de cliënt',
			'Signalen - Hoe signalen van terugval te (her)kennen',
			'Maatregelen - Handvatten op maat bij een (dreigende) terugval',
			'Welke contactmogelijkheden er zijn bij een dreigende terugval',
		],
	},
	'relapse-information-availability.explanation': {
		text: 'De cliënt ontvangt het terugvalpreventieplan als PDF en houdt na afsluiting twee jaar toegang tot het eHealthplatform, waar het plan en de oefeningen beschikbaar blijven.',
		documents: [],
	},
	'chronic-care-documentation.document': {
		documents: [doc('doc-3', 'Procesbeschrijving GBGGZ Chronisch.pdf')],
		checkedElements: [
			'dat de behandeling van mensen met chronische problematiek is gericht op verbetering (bijvoorbeeld: gehanteerde methoden en richtlijnen)',
			'dat indien stabilisatie het doel van de behandeling is, dit wordt onderbouwd in het behandelplan',
			'hoe wordt samengewerkt in het professionele netwerk rondom de cliënt',
			'op welke wijze afspraken en contacten met naasten in kaart worden gebracht',
			'dat er aandacht is voor (het actueel houden van) de crisiskaart voor de cliënt en het signaleringsplan over de cliënt',
			'welke afspraken er zijn over (tijdelijke) op- en afschaling en wat de uitstroomcriteria zijn',
		],
	},
	'website-transparency.url': {
		url: 'https://www.voorbeeldpraktijk.nl/basis-ggz',
		checkedElements: [
			'binnen welke termijn na aanmelding de behandeling wordt gestart (wachttijd)',
			'bij welke wachttijd er verwezen wordt naar een andere GBGGZ-aanbieder voor het aannemen van nieuwe cliënten',
			'hoe een behandeltraject is opgebouwd',
			'welke werkwijze wordt gevolgd en welke (evidence-based) interventies worden toegepast',
			'welk van deze interventies worden vergoed door zorgverzekeraars',
			'welke eHealth toepassingen worden aangeboden',
			'hoe samenwerking eruit ziet met partners lokaal en/of in de regio (zoals de huisarts, wijkteams en de Gespecialiseerde GGZ)',
			'welke informatie wordt uitgewisseld met de verwijzer',
			'hoe behandeleffecten en cliëntervaringen worden gemeten tijdens en na de behandeling',
			'wat actuele cliëntervaringen zijn – deze worden minimaal jaarlijks geactualiseerd en zijn maximaal een jaar oud',
			'hoe beschikbaarheid en bereikbaarheid van zorg voor de cliënt is georganiseerd',
		],
		documents: [],
	},
	'client-network-mapping.explanation': {
		text: 'Tijdens de intake tekent de cliënt met de behandelaar een netwerkkaart: familie, vrienden, werk, huisarts en wijkteam. De cliënt vult de kaart thuis aan en we bespreken haar in het tweede gesprek.',
		documents: [],
	},
	'client-network-support.explanation': {
		text: 'Heeft een cliënt geen bruikbaar netwerk, dan verwijzen we samen met de cliënt naar het wijkteam en lotgenotengroepen, en maken we een opbouwplan met kleine stappen als onderdeel van de behandeldoelen.',
		documents: [],
	},
	'client-network-involvement.criteria': {
		text: 'Het netwerk wordt betrokken als de cliënt daarmee instemt en het netwerk kan helpen bij terugvalpreventie of bij het oefenen van vaardigheden; niet als het netwerk zelf een bron van klachten is.',
		documents: [],
	},
	'client-network-involvement.description': {
		text: 'Een naaste wordt uitgenodigd voor een gezamenlijk gesprek en voor de evaluatie. Met toestemming van de cliënt krijgt de naaste het signaleringsplan en weet hij wanneer en hoe hij contact opneemt.',
		documents: [],
	},
	'blended-percentage.percentage': { number: 68.5, documents: [] },
	'blended-care-embedding.explanation': {
		text: 'Bij elke intake bespreekt de behandelaar welke online module past; blended is het uitgangspunt en afwijken wordt in het dossier onderbouwd. Nieuwe behandelaars volgen de training blended behandelen.',
		documents: [],
	},
	'blended-positive-example.example': {
		text: 'Een cliënt met paniekklachten oefende tussen de sessies met de online exposuremodule en kon na zes gesprekken weer zelfstandig met de trein naar zijn werk; hij gaf aan dat de dagelijkse oefeningen het verschil maakten.',
		documents: [],
	},
	'client-experience-measurement.explanation': {
		text: 'Elke cliënt ontvangt bij afsluiting automatisch de CQ-index en een korte waarderingsvragenlijst. De resultaten worden per kwartaal geregistreerd in ons kwaliteitsdashboard.',
		documents: [],
	},
	'improvement-from-client-experience.explanation': {
		text: 'Het kwaliteitsteam bespreekt de cliëntervaringen elk kwartaal; verbeterpunten gaan met een eigenaar en termijn naar het verbeterregister, dat het MT maandelijks volgt.',
		documents: [],
	},
	'improvement-from-client-experience.example': {
		text: 'Cliënten gaven aan lang te moeten wachten op een terugbelverzoek. Sinds mei 2017 bellen we binnen één werkdag terug; de waardering voor bereikbaarheid steeg van 7,1 naar 8,3.',
		documents: [],
	},
	'rom-pre-post-coverage.percentage': { number: 71, documents: [] },
	'rom-pre-post-coverage.substantiation': {
		text: 'Bron: export uit ons ROM-systeem over alle in 2017 afgesloten trajecten (n = 1.204).',
		documents: [],
	},
	'improvement-from-data.example': {
		text: 'De spiegelrapportage liet zien dat onze behandelingen langer duurden dan gemiddeld. We hebben de tussentijdse evaluatie naar de vierde sessie gehaald; de gemiddelde duur daalde met twee sessies.',
		documents: [],
	},
	'field-contribution.explanation': {
		text: 'Twee behandelaars zitten in de werkgroep van de generieke module Zelfmanagement, en wij verzorgen jaarlijks scholing voor POH-GGZ in de regio over verwijzen naar de Basis GGZ.',
		documents: [],
	},
}

/** A realistic, complete 2022 self-evaluation of an independent practice that refers for group treatment. */
export const answers2022: Answers = {
	'waiting-time-use.explanation': {
		text: 'Nieuwe cliënten krijgen binnen drie werkdagen een intake-afspraak. In de wachttijd sturen we informatie over de mogelijke behandelingen en een online psycho-educatiemodule.',
		documents: [],
	},
	'shared-decision-treatment-plan.format': {
		documents: [doc('doc-10', 'Behandelplan 2022.docx')],
		checkedElements: [
			'de hulpvraag, samen met de cliënt geformuleerd, en de aanleiding',
			'behandeldoelen, inclusief omschrijving wanneer deze zijn behaald',
			'de samen besproken verwachte behandelduur',
			'de samen gekozen behandelvorm (online, face-to-face of een combinatie)',
			'behandelmethode',
			'wederzijdse verwachtingen (inspanningen / verantwoordelijkheden)',
			'vragen voor tussentijdse evaluatie',
			'aantekening van toestemming van de cliënt voor uitvoering van het behandelplan',
		],
	},
	'therapeutic-match.explanation': {
		text: 'Na het tweede gesprek vragen we de cliënt expliciet of de samenwerking goed voelt. Is de klik er niet, dan bieden we een andere behandelaar binnen de praktijk of in ons regionale netwerk aan.',
		documents: [],
	},
	'group-treatment-referral.explanation': {
		text: 'Wij bieden zelf geen groepen aan. Cliënten met sociale angst of somberheid die baat hebben bij een groep verwijzen we naar de groepstrainingen van de GGZ-instelling in onze regio, waarmee we afspraken hebben.',
		documents: [],
	},
	'treatment-800-minutes.declaration': { declared: true, documents: [] },
	'treatment-800-minutes.embedding': {
		text: 'Bij de start plannen we de behandeling binnen 800 minuten; in de vijfde sessie evalueren we de voortgang en bij 600 minuten bespreken we de afronding met de cliënt.',
		documents: [],
	},
	'longer-treatment-consideration.explanation': {
		text: 'Langer dan 800 minuten behandelen we alleen na intercollegiaal overleg, als de hulpvraag binnen bereik is maar comorbiditeit de voortgang vertraagt; de afweging wordt in het dossier vastgelegd.',
		documents: [],
	},
	'help-question-oriented.explanation': {
		text: 'De hulpvraag van de cliënt bepaalt de doelen en het einde van de behandeling: we stoppen als de cliënt weer kan functioneren zoals hij wil, ook als niet alle klachten weg zijn.',
		documents: [],
	},
	'generalist-attitude.explanation': {
		text: 'Onze behandelaars werken oplossingsgericht en transdiagnostisch vanuit de eigen kracht van de cliënt; in de maandelijkse intervisie bespreken we casussen vanuit deze generalistische blik.',
		documents: [],
	},
	'website-transparency.url': {
		url: 'https://www.praktijk-voorbeeld.nl/werkwijze',
		checkedElements: [
			'binnen welke termijn na aanmelding de behandeling wordt gestart (wachttijd)',
			'bij welke wachttijd er verwezen wordt naar een andere GBGGZ-aanbieder voor het aannemen van nieuwe cliënten',
			'hoe een behandeltraject is opgebouwd',
			'welke werkwijze wordt gevolgd en welke (evidence-based) interventies worden toegepast',
			'welk van deze interventies worden vergoed door zorgverzekeraars',
			'welke eHealth toepassingen worden aangeboden',
			'hoe samenwerking eruit ziet met partners lokaal en/of in de regio (zoals de huisarts, wijkteams en de Gespecialiseerde GGZ)',
			'welke informatie wordt uitgewisseld met de verwijzer',
			'hoe behandeleffecten en cliëntervaringen worden gemeten tijdens en na de behandeling',
			'wat actuele cliëntervaringen zijn – deze worden minimaal jaarlijks geactualiseerd en zijn maximaal een jaar oud',
			'hoe beschikbaarheid en bereikbaarheid van zorg voor de cliënt is georganiseerd',
			'hoe er aandacht is voor het tijdig afronden van de behandeling',
		],
		documents: [],
	},
	'improvement-from-data.example': {
		text: 'Uit de spiegelrapportage bleek dat onze ROM-nametingen achterbleven. We sturen de nameting nu automatisch bij de laatste afspraak; de respons steeg van 48% naar 74%.',
		documents: [],
	},
	'organisation-wide-improvement.explanation': {
		text: 'De uitkomsten bespreken we elk kwartaal met alle behandelaars en de secretariaatsmedewerkers; iedereen kan verbeterpunten inbrengen in ons gezamenlijke verbeterbord.',
		documents: [],
	},
	'short-treatments-reflection.explanation': {
		text: 'In 2021 duurde 9% van de behandelingen niet langer dan twee gesprekken. Vaak bleek de hulpvraag te licht; met de POH-GGZ in de wijk maakten we afspraken over consultatie vooraf.',
		documents: [],
	},
	'intake-procedure-reflection.explanation': {
		text: 'Onze intake duurde gemiddeld drie gesprekken. We hebben de screening vooraf uitgebreid, zodat de intake nu in twee gesprekken is afgerond zonder dat de kwaliteit van de indicatie afneemt.',
		documents: [],
	},
	'treatment-duration-reflection.explanation': {
		text: 'De gemiddelde behandelduur was 690 minuten; behandelingen boven 800 minuten hadden vaak geen tussentijdse evaluatie. Die plannen we nu vast in de vijfde sessie.',
		documents: [],
	},
	'innovation.explanation': {
		text: 'In 2022 starten we met videobellen via een beveiligde omgeving, zodat cliënten met beperkte mobiliteit de behandeling deels thuis kunnen volgen.',
		documents: [],
	},
	'learning-themes.themes': {
		checkedElements: ['Groepsbehandeling', 'Zorgprestatiemodel'],
		text: 'We willen graag leren hoe anderen groepsbehandeling kleinschalig organiseren.',
		documents: [],
	},
	'field-contribution.explanation': {
		text: 'We geven jaarlijks een gastcollege aan de opleiding tot GZ-psycholoog en delen onze ervaringen met wachttijdbeleid in de regionale kwaliteitskring.',
		documents: [],
	},
	'teaching-themes.themes': {
		checkedElements: ['Tijdige zorg en het benutten van de wachttijd'],
		documents: [],
	},
}

/** Minimal complete answers for every evidence item of a set (for property tests). */
export function minimalCompleteAnswers(set: NormSet): Record<string, EvidenceAnswer> {
	return Object.fromEntries(allEvidence(set).map(({ item }) => [item.key, minimalAnswer(item)]))
}

export function minimalAnswer(item: EvidenceItem): EvidenceAnswer {
	switch (item.kind) {
		case 'explanation':
			return {
				text: 'x'.repeat(item.minLength),
				checkedElements: item.choices?.options.slice(0, Math.max(item.choices.minSelected, 0)) ?? [],
				documents: [],
			}
		case 'example':
			return { text: 'x'.repeat(item.minLength), documents: [] }
		case 'template_upload':
			return { documents: [{ id: `doc-${item.key}`, name: 'format.pdf' }], checkedElements: [...item.requiredElements] }
		case 'number':
			return { number: item.rule?.value ?? item.min ?? 0, documents: [] }
		case 'url':
			return { url: 'https://www.example.nl/', checkedElements: [...item.checklist], documents: [] }
		case 'declaration':
			return { declared: true, documents: [] }
	}
}

const frame = { met: 'Voldoet.', notMet: 'Voldoet niet.' }

/** A small set with every evidence kind, an OR-group and applicability (inline, for unit tests). */
export function sampleNormSetJson() {
	return {
		year: 2030,
		markName: 'Keurmerk Kortdurende Generalistische GGZ',
		title: 'Proefnormen 2030',
		source: 'test',
		status: 'final',
		themes: [
			{
				key: 'theme-a',
				title: 'Thema A',
				norms: [
					{
						key: 'norm-a',
						code: '1',
						title: 'Norm A',
						explanation: 'Toelichting A',
						safeguards: ['Borging A'],
						appliesTo: 'all',
						criteria: [
							{
								key: 'a-explain',
								code: '1.1',
								group: 1,
								text: 'Licht toe.',
								assessmentFrame: frame,
								frameSource: 'derived',
								evidence: [
									{ key: 'a-explain.text', kind: 'explanation', label: 'Toelichting', required: true, minLength: 20 },
								],
							},
							{
								key: 'a-template',
								code: '1.2',
								group: 1,
								text: 'Upload een format.',
								assessmentFrame: frame,
								frameSource: 'derived',
								evidence: [
									{
										key: 'a-template.format',
										kind: 'template_upload',
										label: 'Format',
										required: true,
										requiredElements: ['element één', 'element twee'],
									},
								],
							},
							{
								key: 'a-number',
								code: '1.3',
								group: 2,
								text: 'Geef het percentage.',
								assessmentFrame: frame,
								frameSource: 'derived',
								evidence: [
									{
										key: 'a-number.value',
										kind: 'number',
										label: 'Percentage',
										required: true,
										unit: 'percent',
										min: 0,
										max: 100,
										decimals: 1,
										rule: { op: '>=', value: 60, message: 'minimaal 60%' },
									},
								],
							},
						],
					},
					{
						key: 'norm-b',
						code: '2',
						title: 'Norm B',
						explanation: 'Toelichting B',
						safeguards: [],
						appliesTo: 'chronic_echelon',
						criteria: [
							{
								key: 'b-url',
								code: '2.1',
								group: 1,
								text: 'Verwijs naar de website.',
								assessmentFrame: frame,
								frameSource: 'derived',
								evidence: [
									{ key: 'b-url.url', kind: 'url', label: 'Webadres', required: true, checklist: ['punt 1', 'punt 2'] },
								],
							},
						],
					},
					{
						key: 'norm-c',
						code: '3',
						title: 'Norm C',
						explanation: 'Toelichting C',
						safeguards: [],
						appliesTo: 'all',
						criteria: [
							{
								key: 'c-example',
								code: '3.1',
								group: 1,
								text: 'Geef een voorbeeld.',
								assessmentFrame: frame,
								frameSource: 'derived',
								evidence: [
									{ key: 'c-example.text', kind: 'example', label: 'Voorbeeld', required: true, minLength: 10 },
									{ key: 'c-example.note', kind: 'explanation', label: 'Opmerking', required: false, minLength: 0 },
								],
							},
							{
								key: 'c-declare',
								code: '3.2',
								group: 2,
								text: 'Verklaar.',
								assessmentFrame: frame,
								frameSource: 'derived',
								appliesTo: 'institution',
								evidence: [
									{
										key: 'c-declare.yes',
										kind: 'declaration',
										label: 'Verklaring',
										required: true,
										statement: 'Wij verklaren.',
									},
								],
							},
							{
								key: 'c-themes',
								code: '3.3',
								group: 3,
								text: 'Kies thema’s.',
								assessmentFrame: frame,
								frameSource: 'derived',
								evidence: [
									{
										key: 'c-themes.choice',
										kind: 'explanation',
										label: 'Thema’s',
										required: true,
										minLength: 0,
										choices: { label: 'Thema’s', options: ['x', 'y', 'z'], minSelected: 1, maxSelected: 2 },
									},
								],
							},
						],
					},
				],
			},
		],
	}
}

export const sampleNormSet: NormSet = assertNormSet(sampleNormSetJson())
