// The conversation per submission (issue 12 §4): provider and KiBG write to each other about one
// participation. Also the notification mail (emails/templates/conversation.ts).
export const conversation = {
	nav: 'Berichten',
	navUnread: 'Berichten ({count} ongelezen)',
	title: 'Berichten over {year}',
	providerIntro:
		'Stel hier uw vragen aan het bedrijfsbureau van KiBG over uw deelname en uw zelfevaluatie van {year}. Alle leden van uw organisatie lezen mee. Berichten blijven bewaard en kunnen niet worden gewijzigd of verwijderd.',
	staffIntro:
		'Berichten met de zorgaanbieder over deze deelname. De zorgaanbieder leest alles wat hier staat; interne notities horen in de beoordeling.',
	panelTitle: 'Berichten met de zorgaanbieder',
	panelOpen: 'Alle berichten en een nieuw bericht',
	panelWrite: 'Nieuw bericht aan de zorgaanbieder',
	threadLabel: 'Berichten',
	empty: 'Nog geen berichten.',
	fromStaff: 'KiBG · {name}',
	fromStaffUnknown: 'KiBG',
	fromProvider: '{name} · {provider}',
	fromUnknown: 'Oud-medewerker',
	newBadge: 'Nieuw',
	unread: '{count, plural, one {# ongelezen bericht} other {# ongelezen berichten}}',
	unreadShort: '{count, plural, one {# nieuw} other {# nieuw}}',
	writeTitle: 'Nieuw bericht',
	bodyLabel: 'Bericht',
	bodyHint:
		'Ten hoogste {max} tekens. De ontvanger krijgt een e-mail met een link naar dit gesprek; uw tekst zelf staat niet in die e-mail.',
	attachmentsLabel: 'Bijlagen (niet verplicht)',
	attachmentsHint:
		'Ten hoogste {count, plural, one {# bestand} other {# bestanden}}, samen ten hoogste 20 MB: PDF, Word (DOCX), Excel (XLSX) of OpenDocument (ODT).',
	attachmentsKeptNotice:
		'Een bestand kiest u na een fout opnieuw: de browser bewaart gekozen bestanden niet. Uw tekst staat er nog.',
	send: 'Bericht versturen',
	toastSent: 'Uw bericht is verstuurd.',
	errorBodyRequired: 'Schrijf een bericht.',
	errorBodyTooLong: 'Het bericht is te lang: ten hoogste 5.000 tekens.',
	errorTooManyAttachments: 'Voeg ten hoogste 3 bijlagen toe.',
	attachmentsOf: 'Bijlagen',
	backToParticipation: 'Terug naar de deelname',
	backToDashboard: 'Terug naar het overzicht',
	yearsTitle: 'Berichten per jaar',
	dashboardTitle: 'Berichten van KiBG',
	dashboardNone: 'Geen nieuwe berichten.',
	dashboardLink: 'Naar de berichten over {year}',
	// the notification mail
	templateMessage: 'Bericht in het gesprek',
	mailSubjectToProvider: 'Nieuw bericht van KiBG over uw deelname {year}',
	mailSubjectToStaff: 'Nieuw bericht van {provider} (deelname {year})',
	mailGreeting: 'Beste {name},',
	mailGreetingOffice: 'Beste collega,',
	mailToProvider:
		'Het bedrijfsbureau van KiBG heeft u een bericht gestuurd over de deelname van {provider} aan het {markName} {year}.',
	mailToStaff: '{provider} heeft een bericht gestuurd over de deelname aan het {markName} {year}.',
	mailAttachments:
		'{count, plural, =0 {} one {Bij het bericht hoort # bijlage.} other {Bij het bericht horen # bijlagen.}}',
	mailPrivacy:
		'Om de inhoud te beschermen staat het bericht zelf niet in deze e-mail. U leest en beantwoordt het na inloggen in het Keurmerkportaal.',
	mailButton: 'Bericht lezen',
	mailClosing: 'Met vriendelijke groet,',
	mailSignature: 'Bedrijfsbureau Stichting KiBG',
}
