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
	firstSubmissionDeadline:
		'Uiterste dag eerste indiening zelfevaluatie (daarna herinneringen; intrekking pas na de kwalificatiedeadline)',
	qualificationDeadline: 'Kwalificatiedeadline (laatste dag om de zelfevaluatie in te dienen)',
	withdrawal: 'Intrekking van het keurmerk bij niet tijdig kwalificeren',
	reapplicantListing: 'Opname in het register van heraanvragers die zich tijdig kwalificeerden',
	yearEnd: 'Einde keurmerkjaar',
	turnoverReportDue: 'Opgave {turnoverLabel} {year}',
	deadline_sign_agreement: 'Onderteken de overeenkomst uiterlijk {date}',
	deadline_sign_agreement_for_listing:
		'Onderteken de overeenkomst uiterlijk {date} om per {listingOn} in het Keurmerkregister te staan',
	deadline_submit_self_evaluation: 'Dien de zelfevaluatie in uiterlijk {date}',
	deadline_submit_first_self_evaluation:
		'Dien de zelfevaluatie voor het eerst in uiterlijk {date}, zodat er tijd is voor beoordeling en aanpassing',
	deadline_submit_revision: 'Dien de aangepaste zelfevaluatie in uiterlijk {date}',
	deadline_report_turnover: 'Geef de {turnoverLabel} over {year} op uiterlijk {date}',
	// The provider's calendar feed (app/services/calendar-feed.server.ts), a Dutch document
	feedAgreementSummary: 'Overeenkomst {markName} {year} ondertekenen',
	feedAgreementForListing:
		'Onderteken de overeenkomst uiterlijk deze dag om per {listingOn} in het Keurmerkregister te staan.',
	feedAgreementLastDay: 'Laatste dag om de overeenkomst te ondertekenen.',
	feedListingSummary: 'Opname in het Keurmerkregister {year}',
	feedListing: 'Organisaties met een getekende overeenkomst worden op deze dag opgenomen in het Keurmerkregister.',
	feedDeadlineSummary: 'Uiterste dag zelfevaluatie {markName} {year}',
	feedDeadline:
		'Dien de zelfevaluatie {year} uiterlijk vandaag om 23.59 uur in. Daarna wordt het keurmerk per {withdrawalOn} ingetrokken.',
	feedFirstSubmissionSummary: 'Eerste indiening zelfevaluatie {markName} {year}',
	feedFirstSubmission:
		'Dien de zelfevaluatie {year} uiterlijk vandaag voor het eerst in, zodat er tijd is voor beoordeling en aanpassing vóór de kwalificatiedeadline van {deadline}.',
	feedRevisionSummary: 'Uiterste dag aangepaste zelfevaluatie {year}',
	feedRevision: 'Dien de aangepaste zelfevaluatie uiterlijk vandaag om 23.59 uur in.',
	feedTurnoverSummary: 'Omzetopgave {year} ({turnoverLabel})',
	feedTurnover: 'Geef uiterlijk vandaag de {turnoverLabel} over {year} op; daarop wordt de afdracht berekend.',
	feedInvoiceSummary: 'Factuur {number} betalen',
	feedInvoice: 'Uiterste betaaldatum van factuur {number} ({amount}), afdracht {year}.',
	feedCategory: 'Keurmerk',
	feedCategoryInvoice: 'Factuur',
	feedApplicationSummary: 'Aanvraagperiode {markName} {year}',
	feedApplication: 'Het keurmerk {year} kan worden aangevraagd van {opensOn} tot en met {closesOn}.',
	feedDescription: 'Deadlines van {name} voor het keurmerk (Keurmerkportaal)',
}
