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
	revision_period_over:
		"De kwalificatieperiode is voorbij ({deadline}): een aangepaste zelfevaluatie kan niet meer op tijd worden ingediend. Beslis 'niet gekwalificeerd'.",
	interview_not_planned:
		'Er is nog geen gesprek gepland met deze keurmerkdrager. Plan eerst het gesprek; de uitkomst volgt op het gesprek.',
	interview_not_held_yet:
		'Het gesprek is gepland op {scheduledAt} en heeft nog niet plaatsgevonden. Leg de uitkomst vast na het gesprek.',
	year_change_would_unwithdraw:
		'Deze wijziging is niet opgeslagen: met deze datums zou het keurmerk van {count} ingetrokken keurmerkdrager(s) niet zijn ingetrokken ({providers}). Een intrekking wordt niet ongedaan gemaakt door een datum te wijzigen; herstel een intrekking zo nodig per deelname (met toelichting).',
	year_change_would_unqualify:
		'Deze wijziging is niet opgeslagen: {count} keurmerkdrager(s) dienden de zelfevaluatie op tijd in, maar zouden met deze datums te laat zijn ({providers}). Een kwalificatie wordt niet met terugwerkende kracht ongedaan gemaakt; kies een latere datum.',
	year_change_retroactive_withdrawal:
		'Deze wijziging is niet opgeslagen: {count} keurmerkdrager(s) zouden met deze datums met terugwerkende kracht worden ingetrokken ({providers}). Kies een datum die nog niet voorbij is.',
	follow_up_closed: 'Deze levering is al ontvangen; het bedrijfsbureau beoordeelt haar.',
	follow_up_not_delivered: 'Er is nog niets aangeleverd om te beoordelen.',
	// spiegelrapportage
	indicator_set_missing: 'Voor {year} is nog geen lijst met indicatoren vastgesteld.',
	indicator_set_exists: 'Voor {year} bestaat al een lijst met indicatoren.',
	indicator_set_published: 'De indicatoren van {year} zijn gepubliceerd en kunnen niet meer worden gewijzigd.',
	indicator_set_empty: 'Een lijst zonder indicatoren kan niet worden gepubliceerd.',
	indicator_code_taken: 'De code {code} wordt in deze lijst al gebruikt.',
	delivery_not_open: 'De indicatoren over {year} kunnen worden aangeleverd vanaf {opensOn}.',
	delivery_submitted:
		'De aanlevering over {year} is ingediend en kan niet meer worden gewijzigd. Vraag het bedrijfsbureau om haar te heropenen.',
	delivery_incomplete: 'Vul eerst alle indicatoren in (nog open: {count}).',
	delivery_not_submitted: 'Deze aanlevering is niet ingediend; er valt niets te heropenen.',
	not_a_carrier: 'Alleen keurmerkdragers van {year} leveren indicatoren aan.',
	reflection_not_available:
		'Er is nu geen zelfevaluatie in concept met de norm over reflecteren op gegevens; de spiegelrapportage kan niet worden toegevoegd.',
	// consultation and kennisnetwerk
	consultation_exists: 'Voor {year} is al een consultatie aangemaakt.',
	consultation_missing: 'Voor {year} is geen consultatie.',
	consultation_not_open: 'De consultatie is nog niet geopend; reageren kan vanaf {opensOn}.',
	consultation_closed: 'De consultatie is gesloten; reageren kon tot en met {closesOn}.',
	consultation_window_invalid: 'De consultatie moet sluiten op of na de openingsdatum ({opensOn}); nu: {closesOn}.',
	consultation_norm_set_published:
		'De normen van {year} zijn al vastgesteld en gepubliceerd; een consultatie kan alleen over conceptnormen gaan.',
	consultation_norm_set_missing: 'Maak eerst de conceptnormen van {year} aan.',
	consultation_adopted: 'De normen van {year} zijn vastgesteld; de consultatie kan niet meer worden gewijzigd.',
	response_submitted: 'Uw reactie is al verstuurd en kan niet meer worden gewijzigd.',
	response_empty: 'Schrijf eerst een reactie (op een norm, een criterium of in het algemeen) voordat u verstuurt.',
	quote_without_consent:
		'Deze reactie mag niet worden geciteerd: de indiener heeft daar geen toestemming voor gegeven.',
	account_kind_taken:
		'Dit e-mailadres hoort bij een account van een zorgaanbieder of van KiBG; nodig de organisatie uit met een ander adres.',
	organisation_account:
		'Dit e-mailadres hoort bij een account van een organisatie in de consultatie; dat kan geen lid van een zorgaanbieder worden.',
	network_not_opted_in: 'Doe eerst mee aan het kennisnetwerk.',
	network_request_self: 'U kunt geen verzoek aan uw eigen organisatie sturen.',
	network_request_open: 'Er staat al een verzoek over dit thema open bij deze organisatie.',
	network_request_answered: 'Dit verzoek is al beantwoord.',
	network_theme_in_use:
		'Het thema "{theme}" is al gekozen in een zelfevaluatie van {year} en kan niet meer worden gewijzigd of verwijderd.',
	network_theme_exists: 'Het thema "{theme}" staat al op de lijst van {year}.',
	network_contact_invalid: 'Kies als contactpersoon iemand uit het team van uw organisatie.',
} satisfies Record<ErrorCode, string>
