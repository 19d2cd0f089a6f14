// The moments of a mark year (app/domain/calendar.ts) and what a provider must do next
// (app/domain/next-deadline.ts). {date} and {listingOn} arrive formatted for the reader.
export const calendar = {
	normsPublished: 'Publicatie normen {year}',
	agreementsOffered: 'Overeenkomst {year} aangeboden aan huidige keurmerkdragers',
	feeRatePublishBy: 'Uiterste publicatiedatum afdrachtpercentage {year}',
	applicationOpens: 'Aanvraagperiode opent',
	applicationCloses: 'Aanvraagperiode sluit (laatste dag)',
	listing: 'Opname in het Keurmerkregister',
	selfEvaluationOpens: 'Zelfevaluatie kan worden ingediend',
	qualificationDeadline: 'Kwalificatiedeadline (laatste dag om de zelfevaluatie in te dienen)',
	withdrawal: 'Intrekking van het keurmerk bij niet tijdig kwalificeren',
	reapplicantListing: 'Opname in het register van heraanvragers die zich tijdig kwalificeerden',
	yearEnd: 'Einde keurmerkjaar',
	turnoverReportDue: 'Opgave {turnoverLabel} {year}',
	deadline_sign_agreement: 'Onderteken de overeenkomst uiterlijk {date}',
	deadline_sign_agreement_for_listing:
		'Onderteken de overeenkomst uiterlijk {date} om per {listingOn} in het Keurmerkregister te staan',
	deadline_submit_self_evaluation: 'Dien de zelfevaluatie in uiterlijk {date}',
	deadline_submit_revision: 'Dien de aangepaste zelfevaluatie in uiterlijk {date}',
	deadline_report_turnover: 'Geef de {turnoverLabel} over {year} op uiterlijk {date}',
}
