// Plausible self-evaluation answers for the demo, per evidence item of a norm set. Texts for the
// 2022 norms are written out; anything else gets a sensible answer of the right kind and length.
import type { EvidenceItem } from '#app/domain/norm-set.ts'

const texts: Record<string, string> = {
	'waiting-time-use.explanation':
		'Wij bespreken bij aanmelding de actuele wachttijd en bieden cliënten in de wachttijd een online module psycho-educatie aan. Is de wachttijd langer dan vier weken, dan verwijzen wij in overleg met de huisarts naar een collega-aanbieder in de regio.',
	'therapeutic-match.explanation':
		'In het intakegesprek toetsen wij met de cliënt of de behandelaar en de behandelvorm passen. Na drie gesprekken evalueren wij de samenwerkingsrelatie met een korte vragenlijst; bij een mismatch bieden wij een andere behandelaar aan.',
	'group-treatment-offered.explanation':
		'Wij bieden tweemaal per jaar een groepstraining Omgaan met piekeren en somberheid aan (acht bijeenkomsten), en een groep assertiviteitstraining. Cliënten kiezen na uitleg zelf tussen individuele en groepsbehandeling.',
	'group-treatment-referral.explanation':
		'Wij bieden zelf geen groepsbehandeling. Bij een passende hulpvraag verwijzen wij naar de groepstrainingen van de regionale GGZ-instelling, waarmee wij vaste afspraken over terugkoppeling hebben.',
	'treatment-800-minutes.embedding':
		'Bij de start spreken wij een behandelduur van maximaal 800 minuten af. De behandelaar bewaakt de inzet in het dossier; bij 600 minuten volgt een evaluatie met de cliënt waarin de afronding of een gemotiveerde verlenging wordt besproken.',
	'longer-treatment-consideration.explanation':
		'Langer behandelen is een bewuste keuze die wij vastleggen: de behandelaar beschrijft waarom de doelen met een kortere behandeling niet haalbaar zijn, bespreekt dit met de cliënt en in het multidisciplinair overleg, en legt de nieuwe einddatum vast.',
	'help-question-oriented.explanation':
		'De hulpvraag van de cliënt staat centraal in het behandelplan. Samen met de cliënt formuleren wij doelen in eigen woorden en bespreken wij de verwachte duur en de vorm van de behandeling: face-to-face, online of een combinatie.',
	'generalist-attitude.explanation':
		'Onze behandelaars werken generalistisch: zij richten zich op het herstel van het dagelijks functioneren en benutten de eigen kracht en het netwerk van de cliënt, in plaats van op een diagnose-specifiek protocol.',
	'organisation-wide-improvement.explanation':
		'Elk kwartaal bespreken wij cliëntervaringen, ROM-uitkomsten en klachten in het kwaliteitsoverleg. Daaruit volgen verbeteracties die wij met eigenaar en termijn vastleggen en in het volgende overleg evalueren.',
	'short-treatments-reflection.explanation':
		'Wij hebben de behandelingen van ten hoogste twee sessies geanalyseerd: ruim de helft betrof cliënten die na het eerste gesprek voldoende handvatten hadden. Wij leggen nu in het dossier vast waarom een behandeling kort bleef.',
	'intake-procedure-reflection.explanation':
		'Na analyse van onze intakeprocedure voeren wij de intake voortaan samen met de cliënt uit aan de hand van een gestructureerde gespreksleidraad, zodat hulpvraag, verwachte duur en behandelvorm direct worden besproken.',
	'treatment-duration-reflection.explanation':
		'De gemiddelde behandelduur was het afgelopen jaar 640 minuten. Behandelingen die langer duurden, kenden vaak een ingewikkelde thuissituatie; wij betrekken het netwerk daarom eerder in de behandeling.',
	'innovation.explanation':
		'Wij zetten een eHealth-platform in met modules tussen de gesprekken door, en experimenteren met videobellen voor cliënten in de buitengebieden. De ervaringen bespreken wij met cliënten en verwijzers.',
	'field-contribution.explanation':
		'Onze behandelaars geven jaarlijks scholing aan POH-GGZ in de regio en nemen deel aan de regionale werkgroep kortdurende GGZ. Wij leveren geanonimiseerde gegevens aan voor de KiBG-spiegelrapportage.',
	'improvement-from-data.example':
		'Uit de spiegelrapportage bleek dat onze cliënten relatief lang wachtten op de eerste behandelafspraak. Wij hebben de planning aangepast zodat het eerste behandelgesprek binnen twee weken na de intake plaatsvindt; de wachttijd halveerde.',
}

function fallbackText(item: EvidenceItem, providerName: string, minLength: number): string {
	const base = `${providerName} licht dit als volgt toe. ${item.label}: wij hebben dit vastgelegd in onze werkwijze en bespreken het jaarlijks in het kwaliteitsoverleg. Behandelaars passen het toe in elke behandeling en evalueren het samen met de cliënt.`
	return base.length >= minLength ? base : `${base} ${base}`
}

/** Two to four themes per carrier and direction, different per carrier (issue 18: the kennisnetwerk). */
function networkThemes(options: readonly string[], seed: string): string[] {
	let hash = 0
	for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
	const count = 2 + (hash % 3)
	return options.filter((_, index) => (index * 7 + hash) % options.length < count)
}

export interface DemoAnswer {
	text?: string
	number?: number
	url?: string
	checkedElements: string[]
	declared?: boolean
	/** True for a template upload: the seed stores a demo PDF for it. */
	needsDocument: boolean
}

/** A complete answer of the right kind for one evidence item. */
export function demoAnswer(item: EvidenceItem, provider: { name: string; website: string }): DemoAnswer {
	switch (item.kind) {
		case 'explanation':
			return {
				text:
					item.minLength > 0 || item.required
						? (texts[item.key] ?? fallbackText(item, provider.name, item.minLength))
						: undefined,
				checkedElements: item.choices
					? item.choices.network
						? networkThemes(item.choices.options, `${provider.name}:${item.choices.network}`)
						: item.choices.options.slice(0, Math.max(item.choices.minSelected, 2))
					: [],
				needsDocument: false,
			}
		case 'example':
			return {
				text: texts[item.key] ?? fallbackText(item, provider.name, item.minLength),
				checkedElements: [],
				needsDocument: false,
			}
		case 'template_upload':
			return { checkedElements: [...item.requiredElements], needsDocument: true }
		case 'number': {
			const floor =
				item.rule && (item.rule.op === '>=' || item.rule.op === '>') ? item.rule.value + 8 : (item.min ?? 0) + 1
			const value = Math.min(item.max ?? floor, floor)
			return { number: Number(value.toFixed(item.decimals)), checkedElements: [], needsDocument: false }
		}
		case 'url':
			return { url: `${provider.website}/werkwijze`, checkedElements: [...item.checklist], needsDocument: false }
		case 'declaration':
			return { declared: true, checkedElements: [], needsDocument: false }
	}
}
