// Refusals raised as AppError by the domain and the services (app/domain/errors.ts), one message
// per code. Parameters in braces are formatted for the reader (dates, amounts, labels).
import type { ErrorCode } from '#app/domain/errors.ts'

export const refusals = {
	not_found: 'Niet gevonden.',
	conflict:
		'Iemand anders heeft dit intussen gewijzigd. Uw invoer is bewaard; bekijk de nieuwe versie en probeer het opnieuw.',
	payload_too_large: 'Het verzoek is te groot.',
	too_many_requests: 'Te veel pogingen. Probeer het over {minutes} minuten opnieuw.',
	invalid_input: 'De invoer is niet geldig.',
	invalid_clock: 'De systeemtijd is ongeldig; probeer het later opnieuw.',
	invalid_settings: 'De instellingen van dit keurmerkjaar zijn ongeldig. Neem contact op met het bedrijfsbureau.',
	invalid_snapshot:
		'De gegevens van deze deelname zijn niet consistent ({problems}). Neem contact op met het bedrijfsbureau.',
	unknown_event: 'Onbekende actie.',
	final_state: 'Deze deelname is afgesloten ({state}); er kan niets meer worden gewijzigd.',
	wrong_state: 'Dit kan niet in de huidige status van de deelname ({state}).',
	application_window_closed: 'Het keurmerk {year} kan worden aangevraagd van {opensOn} tot en met {closesOn}.',
	year_closed:
		'De kwalificatieperiode van {year} is voorbij ({deadline}); de overeenkomst kan niet meer worden aangegaan.',
	already_signed: 'De overeenkomst is al getekend. Vraag het bedrijfsbureau om het keurmerk in te trekken.',
	not_listed_yet:
		'Uw organisatie wordt per {listingOn} opgenomen in het Keurmerkregister; daarna kunt u de zelfevaluatie indienen.',
	qualification_not_open: 'De zelfevaluatie kan worden ingediend vanaf {opensOn}.',
	qualification_closed:
		'De kwalificatieperiode is verstreken: de zelfevaluatie moest uiterlijk {deadline} worden ingediend.',
	awaiting_assessment: 'Er is al een zelfevaluatie ingediend die nog wordt beoordeeld.',
	revision_overdue: 'De termijn voor de aangepaste zelfevaluatie is verlopen op {dueOn}.',
	no_revisions_left:
		"Het maximale aantal aangepaste zelfevaluaties ({max}) is bereikt; de uitkomst is 'niet gekwalificeerd'.",
	no_revisions_allowed: "In {year} is geen aangepaste zelfevaluatie mogelijk; de uitkomst is 'niet gekwalificeerd'.",
	revisions_left:
		'Er is nog een aangepaste zelfevaluatie mogelijk: vraag om aanpassing in plaats van de kwalificatie te weigeren.',
	reason_not_allowed:
		'Intrekken wegens niet tijdig kwalificeren gebeurt automatisch volgens de termijnen; kies een andere reden.',
	not_qualified_yet:
		'Intrekken wegens onterechte kwalificatie kan alleen nadat de zorgaanbieder zich heeft gekwalificeerd.',
	invalid_effective_date: 'Vul een geldige ingangsdatum van de intrekking in.',
	effective_in_past: 'De ingangsdatum van de intrekking kan niet in het verleden liggen.',
	justification_required: 'Geef een toelichting: het herstellen van een intrekking wordt vastgelegd in het auditlog.',
	agreement_not_found: 'Deze overeenkomst bestaat niet (meer).',
	agreement_already_signed: 'Deze overeenkomst is al ondertekend.',
	agreement_closed: 'Deze overeenkomst kan niet meer worden ondertekend of afgewezen.',
	application_closed: 'De aanmeldperiode is gesloten.',
	application_exists:
		'Voor KvK-nummer {kvkNumber} is al een aanvraag voor het keurmerkjaar {year} ontvangen. U hoeft niets opnieuw te doen: log in om de stand van zaken te zien, of neem contact op met het bedrijfsbureau.',
	application_duplicate: 'Voor KvK-nummer {kvkNumber} is al een aanvraag ontvangen.',
	provider_has_account:
		'Deze organisatie heeft al een account in het Keurmerkportaal. Log in als lid van de organisatie om de aanvraag te doen, of neem contact op met het bedrijfsbureau.',
	contact_is_staff: 'Dit e-mailadres hoort bij een medewerker van KiBG; kies een ander e-mailadres.',
	round_not_assessable:
		'Deze ronde kan niet (meer) worden beoordeeld: er is al een besluit of de zelfevaluatie wacht niet op beoordeling.',
	assessment_conflict:
		'Iemand anders heeft dit criterium intussen beoordeeld. Bekijk het oordeel hieronder en sla zo nodig opnieuw op.',
	criterion_not_in_norm_set: 'Dit criterium hoort niet bij de normen van dit jaar.',
	feedback_required: 'Geef feedback: de zorgaanbieder moet weten wat er ontbreekt.',
	verdicts_missing: 'Nog niet alle criteria zijn beoordeeld ({codes}).',
	verdicts_changed: 'De oordelen zijn intussen gewijzigd. Bekijk het besluit opnieuw.',
	no_proposal: 'Er wacht geen voorgesteld besluit op bevestiging.',
	four_eyes: 'Een tweede, andere beoordelaar moet dit besluit bevestigen (vier-ogenprincipe).',
	participation_not_found: 'Deelname niet gevonden.',
	assessor_inactive: 'Kies een actieve beoordelaar van KiBG.',
	sample_invalid_options: 'Geef een percentage (hoogstens twee decimalen, tot 100) of een aantal van minstens 1.',
	sample_duplicate_candidate: 'Deelname {participationId} staat twee keer tussen de kandidaten van de steekproef.',
	sample_invalid_record: 'De vastgelegde steekproef gebruikt een onbekende methode ({algorithm}).',
	sample_empty: 'Er zijn geen gekwalificeerde keurmerkdragers om te trekken.',
	interview_not_found: 'Gesprek niet gevonden.',
	interview_decided: 'De uitkomst van dit gesprek is al vastgelegd.',
	interview_conflict: 'Iemand anders heeft dit gesprek intussen gewijzigd. Laad de pagina opnieuw.',
	round_frozen: 'Deze zelfevaluatie is ingediend en kan niet meer worden gewijzigd.',
	evidence_not_in_norm_set: 'Deze vraag hoort niet bij de zelfevaluatie van dit jaar.',
	evidence_without_document: 'Bij deze vraag hoort geen document.',
	document_replaced_gone: 'Het document dat u wilde vervangen is er niet meer. Laad de pagina opnieuw.',
	document_not_in_round: 'Dit document staat niet (meer) bij uw zelfevaluatie.',
	self_evaluation_incomplete: 'De zelfevaluatie is nog niet volledig. Vul eerst aan wat hieronder ontbreekt.',
	fee_invalid_input: 'De afdracht kan met deze invoer niet worden berekend.',
	amount_required: 'Vul een bedrag in.',
	amount_negative: 'Het bedrag mag niet negatief zijn.',
	amount_decimal_point: 'Gebruik een komma voor de centen, bijvoorbeeld 1.234,56.',
	amount_too_many_decimals: 'Een bedrag heeft hoogstens twee cijfers achter de komma.',
	amount_invalid: 'Vul een bedrag in euro’s in, bijvoorbeeld 1.234,56.',
	amount_too_large: 'Het bedrag is te groot.',
	invoice_exists: 'Er is al een openstaande of betaalde factuur.',
	turnover_not_reported: 'Er is nog geen omzetopgave.',
	year_not_over: 'Het keurmerkjaar {year} is nog niet afgelopen.',
	invoice_not_open: 'Factuur {number} staat niet open en kan niet als betaald worden gemarkeerd.',
	paid_in_future: 'De betaaldatum kan niet in de toekomst liggen.',
	paid_before_invoice: 'De betaaldatum kan niet vóór de factuurdatum liggen.',
	invoice_already_credited: 'Factuur {number} is al gecrediteerd.',
	credit_reason_required: 'Geef een reden voor de creditering.',
	correction_reason_required: 'Geef een reden voor de correctie.',
	turnover_negative: 'De omzet mag niet negatief zijn.',
	turnover_unchanged: 'Het bedrag is gelijk aan de huidige opgave; er is niets te corrigeren.',
	turnover_year_not_owed: 'Over dit jaar kunt u geen omzet opgeven.',
	turnover_year_not_over: 'De omzet geeft u op nadat het keurmerkjaar is afgelopen.',
	turnover_already_invoiced:
		'Over dit jaar is al gefactureerd ({number}). Neem contact op met het bedrijfsbureau als de omzet niet klopt.',
} satisfies Record<ErrorCode, string>
