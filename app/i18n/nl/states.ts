// Names of states and reasons, shared by every screen that shows them.
export const states = {
	applied: 'Aangevraagd',
	agreement_offered: 'Overeenkomst aangeboden',
	agreement_signed: 'Overeenkomst getekend',
	listed: 'In het register',
	submitted: 'Zelfevaluatie ingediend',
	revision_requested: 'Aanpassing gevraagd',
	qualified: 'Gekwalificeerd',
	sampled: 'In de steekproef',
	confirmed: 'Bevestigd na gesprek',
	withdrawn: 'Ingetrokken',
	agreement_declined: 'Overeenkomst afgewezen',
	reason_not_qualified_in_time: 'Niet tijdig gekwalificeerd',
	reason_unpaid_fee: 'Afdracht niet betaald',
	reason_incorrect_qualification: 'Onterechte kwalificatie (steekproef)',
	reason_provider_request: 'Op verzoek van de zorgaanbieder',
	explanation_not_qualified_in_time:
		'De zorgaanbieder heeft zich niet binnen de kwalificatieperiode gekwalificeerd (handboek van het keurmerk, §3.3).',
	independent_practice: 'Vrijgevestigde aanbieder',
	institution: 'GGZ-instelling',
} satisfies Record<string, string>
