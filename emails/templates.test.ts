// Every template renders, in Dutch, with the provider's name and the right dates in both the HTML
// and the plain-text version, and never lets a value inject markup.
import { describe, expect, test } from 'vitest'
import { type EmailTemplateName, type EmailTemplates, emailTemplateNames, renderEmail } from './index.ts'
import { toPlainText } from './message.ts'

const providerName = 'Praktijk <Één> & "Zoon"'
const base = {
	providerName,
	year: 2031,
	markName: 'Keurmerk Kortdurende Generalistische GGZ',
	portalUrl: 'https://portaal.example/aanbieder/p1',
}
const payment = { iban: 'NL00 BANK 0123 4567 89', accountName: 'Stichting KiBG' }

// One sample per template: a new template without a sample is a type error here.
const samples: { [Name in EmailTemplateName]: EmailTemplates[Name] } = {
	password_reset: {
		name: providerName,
		resetUrl: 'https://portaal.example/wachtwoord-herstellen/abc',
		validMinutes: 60,
	},
	invitation: {
		name: providerName,
		invitedBy: 'Anna de Vries',
		providerName: 'Praktijk Noord',
		acceptUrl: 'https://portaal.example/uitnodiging/abc',
		validDays: 14,
	},
	application_received: { ...base, agreementOffered: true },
	application_not_taken: {
		reason: 'already_applied',
		name: 'Anna de Vries',
		markName: base.markName,
		year: 2031,
		organisationName: providerName,
		kvkNumber: '12345678',
		loginUrl: 'https://portaal.example/inloggen',
		resetUrl: 'https://portaal.example/wachtwoord-vergeten',
	},
	application_window_subscribed: {
		markName: providerName,
		year: 2031,
		opensOn: '1 juni 2030',
		unsubscribeUrl: 'https://portaal.example/aanmelden/afmelden/abc',
	},
	application_window_opened: {
		markName: providerName,
		year: 2031,
		opensOn: '1 juni 2030',
		closesOn: '31 oktober 2030',
		applyUrl: 'https://portaal.example/aanmelden',
		normsUrl: 'https://portaal.example/normen/2031',
	},
	agreement_offered: { ...base, signBy: '31 oktober 2030', listingOn: '1 januari 2031' },
	agreement_signed: {
		...base,
		signerName: 'Anna de Vries',
		signedAt: '12 juni 2030',
		listing: { kind: 'on', date: '1 januari 2031' },
	},
	listed: { ...base, deadline: '31 maart 2031', withdrawalOn: '1 april 2031' },
	self_evaluation_received: { ...base, round: 2, submittedAt: '3 maart 2031' },
	revision_requested: {
		...base,
		dueAt: '14 april 2031',
		insufficient: [
			{ code: '1.2', feedback: 'Beschrijf de <samenwerking> concreter.' },
			{ code: '3.1', feedback: 'Noem de signalen.' },
		],
	},
	qualified: { ...base, certificateNumber: 'KBG-2031-0042', validUntil: '31 december 2031' },
	sampled: base,
	withdrawal: {
		...base,
		signed: true,
		reason: 'niet tijdig gekwalificeerd',
		effectiveAt: '1 april 2031',
		explanation: 'Geen zelfevaluatie ontvangen.',
	},
	withdrawal_undone: base,
	reapplicant_listed: { ...base, listedOn: '1 april 2031', certificateNumber: 'KBG-2031-0007' },
	follow_up_reminder: {
		...base,
		criterionCode: '1.3',
		description: 'De schaalscore Samen Beslissen van de CQ-index',
		dueOn: '31 augustus 2031',
		daysBefore: 30,
	},
	first_submission_overdue: {
		...base,
		firstDeadline: '31 januari 2031',
		qualificationDeadline: '31 maart 2031',
		withdrawalOn: '1 april 2031',
	},
	follow_up_overdue: {
		...base,
		criterionCode: '1.3',
		description: 'De schaalscore Samen Beslissen van de CQ-index',
		dueOn: '31 augustus 2031',
	},
	year_dates_changed: {
		...base,
		deadline: '30 april 2031',
		previousDeadline: '31 maart 2031',
		revisionDueOn: '30 april 2031',
		firstSubmissionOn: null,
	},
	agreement_reminder: {
		...base,
		kind: 'before_listing',
		offeredOn: '1 mei 2030',
		signBy: '31 december 2030',
		forListing: true,
		listingOn: '1 januari 2031',
		deadline: '31 maart 2031',
		lapsesOn: '1 april 2031',
	},
	qualification_reminder: {
		...base,
		daysBefore: 14,
		deadline: '31 maart 2031',
		withdrawalOn: '1 april 2031',
		listed: true,
	},
	turnover_reminder: { ...base, kind: 'upcoming', turnoverLabel: 'omzet monodisciplinaire GGZ', dueOn: '1 maart 2032' },
	fee_rate_published: {
		...base,
		rate: '1,70 %',
		minimumFee: '€ 75,00',
		turnoverLabel: 'omzet monodisciplinaire GGZ',
		turnoverReportDue: '1 maart 2032',
		example: { turnover: '€ 100.000,00', fee: '€ 1.700,00' },
	},
	invoice_issued: {
		...base,
		...payment,
		invoiceNumber: 'KIBG-F-2032-0003',
		issuedOn: '2 maart 2032',
		dueOn: '1 april 2032',
		turnoverLabel: 'omzet monodisciplinaire GGZ',
		turnover: '€ 3.000,00',
		rate: '1,70 %',
		percentageFee: '€ 51,00',
		minimumFee: '€ 75,00',
		minimumApplied: true,
		amount: '€ 75,00',
	},
	invoice_overdue: {
		...base,
		...payment,
		invoiceNumber: 'KIBG-F-2032-0003',
		issuedOn: '2 maart 2032',
		dueOn: '1 april 2032',
		amount: '€ 75,00',
	},
	credit_note_issued: {
		...base,
		creditNoteNumber: 'KIBG-C-2032-0001',
		invoiceNumber: 'KIBG-F-2032-0003',
		issuedOn: '10 maart 2032',
		amount: '€ 75,00',
		reason: 'Omzet gecorrigeerd',
		paid: false,
	},
	benchmark_reminder: { ...base, daysBefore: 14, dueOn: '1 maart 2032' },
	benchmark_reopened: { ...base, reason: 'Wachttijd <99> weken lijkt een tikfout' },
	consultation_invitation: {
		...base,
		opensOn: '1 maart 2030',
		closesOn: '31 maart 2030',
		introduction: 'Het concept legt meer nadruk op <kortdurend> behandelen.',
	},
	consultation_reminder: { ...base, closesOn: '31 maart 2030', hasDraft: true },
	consultation_receipt: { ...base, reactions: 3, sentAt: '12 maart 2030', quoteConsent: false },
	consultation_published: { ...base, reactions: 35 },
	network_request: {
		...base,
		fromName: 'Praktijk <West>',
		theme: 'Groepsbehandeling',
		direction: 'learn',
		message: 'Wij starten een groep en horen graag hoe u dat doet.',
	},
	network_answer: {
		...base,
		otherName: 'Praktijk Oost',
		theme: 'Groepsbehandeling',
		accepted: true,
		answerMessage: null,
		contact: { name: 'Bram Jansen', email: 'bram@oost.example' },
	},
	conversation_message: {
		language: 'nl',
		recipientName: 'Anna de Vries',
		providerName,
		markName: base.markName,
		year: 2031,
		from: 'staff',
		attachments: 2,
		threadUrl: 'https://portaal.example/aanbieder/p1/berichten/2031',
	},
}

// What each message must say, in both versions.
const mustSay: Partial<Record<EmailTemplateName, string[]>> = {
	application_not_taken: ['12345678', 'al een aanvraag voor 2031', 'https://portaal.example/inloggen'],
	application_window_subscribed: ['1 juni 2030', 'https://portaal.example/aanmelden/afmelden/abc', 'één e-mail'],
	application_window_opened: ['31 oktober 2030', 'https://portaal.example/aanmelden', 'verwijderd'],
	agreement_offered: ['uiterlijk 31 oktober 2030', '1 januari 2031'],
	consultation_invitation: ['31 maart 2030', 'volledig, duidelijk, werkbaar'],
	consultation_reminder: ['31 maart 2030', 'concept'],
	consultation_published: ['35 schriftelijke reacties'],
	network_request: ['Groepsbehandeling', 'Wij starten een groep'],
	network_answer: ['Bram Jansen', 'bram@oost.example'],
	conversation_message: ['Beste Anna de Vries', '2 bijlagen', 'Bericht lezen'],
	listed: ['31 maart 2031', '1 april 2031'],
	revision_requested: ['14 april 2031', 'Criterium 1.2', 'Criterium 3.1'],
	qualified: ['KBG-2031-0042', '31 december 2031'],
	withdrawal: ['1 april 2031', 'niet tijdig gekwalificeerd', 'Geen zelfevaluatie ontvangen.'],
	reapplicant_listed: ['1 april 2031', 'KBG-2031-0007'],
	year_dates_changed: ['30 april 2031', '31 maart 2031'],
	follow_up_reminder: ['1.3', 'CQ-index', '31 augustus 2031'],
	follow_up_overdue: ['1.3', 'CQ-index', '31 augustus 2031'],
	first_submission_overdue: ['31 januari 2031', '31 maart 2031', '1 april 2031'],
	agreement_reminder: ['1 mei 2030', '31 december 2030', '1 januari 2031'],
	qualification_reminder: ['Nog 14 dagen', '31 maart 2031', '1 april 2031'],
	turnover_reminder: ['omzet monodisciplinaire GGZ', '1 maart 2032'],
	fee_rate_published: ['1,70 %', '€ 75,00', '€ 1.700,00', '1 maart 2032'],
	invoice_issued: [
		'KIBG-F-2032-0003',
		'€ 3.000,00',
		'1,70 %',
		'€ 51,00',
		'€ 75,00',
		'1 april 2032',
		'NL00 BANK 0123 4567 89',
		'minimale afdracht',
	],
	invoice_overdue: ['KIBG-F-2032-0003', '1 april 2032', '€ 75,00', 'intrekken'],
	credit_note_issued: ['KIBG-C-2032-0001', 'KIBG-F-2032-0003', 'Omzet gecorrigeerd', 'niet meer te betalen'],
	benchmark_reminder: ['uiterlijk 1 maart 2032', 'uiterlijk 1 maart 2032', 'spiegelrapportage', 'norm 4'],
	benchmark_reopened: ['Wachttijd <99> weken lijkt een tikfout', 'opnieuw in', 'niet mee in de vergelijking'],
}

describe('mail templates', () => {
	test.each(emailTemplateNames)('%s renders HTML and text that say the same, with values escaped', (name) => {
		const mail = renderEmail(name, samples[name] as never)
		expect(mail.subject.length).toBeGreaterThan(10)
		expect(mail.subject).not.toMatch(/undefined|null|\[object/)
		expect(mail.html.startsWith('<!doctype html>')).toBe(true)
		expect(mail.html).toContain('lang="nl"')
		// The name is escaped in HTML and literal in text; no stray markup in the text version.
		expect(mail.html).toContain('Praktijk &lt;Één&gt; &amp; &quot;Zoon&quot;')
		expect(mail.html).not.toContain('<Één>')
		expect(mail.text).toContain(providerName)
		expect(mail.text).not.toMatch(/<\/?(p|strong|ul|li|a|br|table|tr|td)\b/)
		expect(mail.text).not.toMatch(/undefined|\[object/)
		expect(mail.text).toContain('Stichting Kwaliteit in Basis GGZ (KiBG)')
		const htmlAsText = toPlainText(mail.html)
		for (const phrase of mustSay[name] ?? []) {
			expect(mail.text, `${name} text: ${phrase}`).toContain(phrase)
			expect(htmlAsText, `${name} html: ${phrase}`).toContain(phrase)
		}
	})

	test("a conversation notification is in the reader's language and never carries the message", () => {
		const english = renderEmail('conversation_message', {
			...samples.conversation_message,
			language: 'en',
			from: 'provider',
			recipientName: null,
			attachments: 0,
		})
		expect(english.html).toContain('lang="en"')
		expect(english.subject).toBe(`New message from ${providerName} (2031 participation)`)
		expect(english.text).toContain('Dear colleague,')
		expect(english.text).toContain('the message itself is not in this e-mail')
		expect(english.text).not.toMatch(/attachment/)
		expect(english.text).toContain('You receive this message because')
		const dutch = renderEmail('conversation_message', samples.conversation_message)
		expect(dutch.subject).toBe('Nieuw bericht van KiBG over uw deelname 2031')
		expect(dutch.text).toContain('staat het bericht zelf niet in deze e-mail')
		expect(dutch.text).toContain('Bericht lezen:\nhttps://portaal.example/aanbieder/p1/berichten/2031')
		expect(dutch.html).toContain('href="https://portaal.example/aanbieder/p1/berichten/2031"')
	})

	test('the signed-agreement mail says when the listing follows, also for a late or re-applicant signature', () => {
		const text = (listing: EmailTemplates['agreement_signed']['listing']) =>
			renderEmail('agreement_signed', { ...samples.agreement_signed, listing }).text
		expect(text({ kind: 'on', date: '1 januari 2031' })).toContain(
			'per 1 januari 2031 opgenomen in het Keurmerkregister',
		)
		const late = text({ kind: 'now' })
		expect(late).toContain('vanaf vandaag opgenomen')
		expect(late).not.toContain('1 januari')
		expect(text({ kind: 'after_qualification' })).toContain('nadat u zich tijdig heeft gekwalificeerd')
	})

	test("the offer and the listing name the year's own dates, never a fixed 1 January or 1 April", () => {
		// A year whose dates moved (DOMAIN.md §3: KiBG moved them before).
		const offer = renderEmail('agreement_offered', { ...samples.agreement_offered, listingOn: '15 januari 2031' }).text
		expect(offer).toContain('vóór 15 januari 2031 hebben geretourneerd, worden per 15 januari 2031 opgenomen')
		expect(offer).not.toContain('1 januari')
		const listed = renderEmail('listed', {
			...samples.listed,
			deadline: '14 april 2031',
			withdrawalOn: '15 april 2031',
		}).text
		expect(listed).toContain('uiterlijk 14 april 2031')
		expect(listed).toMatch(/per\s+15 april 2031\s+ingetrokken/)
		expect(listed).not.toContain('1 april')
	})

	test('a revision request lists every insufficient criterion on its own line in the text version', () => {
		const mail = renderEmail('revision_requested', samples.revision_requested)
		expect(mail.text).toContain(
			'- Criterium 1.2: Beschrijf de <samenwerking> concreter.\n- Criterium 3.1: Noem de signalen.',
		)
		expect(mail.html).toContain('<li><strong>Criterium 1.2</strong>: Beschrijf de &lt;samenwerking&gt; concreter.</li>')
		expect(mail.html).not.toMatch(/<p><ul>/)
	})

	test('qualification reminders count down and say what happens to a re-applicant', () => {
		const reminder = (daysBefore: number, listed = true) =>
			renderEmail('qualification_reminder', { ...samples.qualification_reminder, daysBefore, listed })
		expect(reminder(30).subject).toBe(
			'Nog 30 dagen: zelfevaluatie Keurmerk Kortdurende Generalistische GGZ 2031 indienen',
		)
		expect(reminder(1).subject).toMatch(/^Morgen \(31 maart 2031\) is de laatste dag/)
		expect(reminder(0).subject).toMatch(/^Vandaag is de laatste dag/)
		expect(reminder(7).text).toContain('ingetrokken')
		expect(reminder(7, false).text).toContain('vervalt uw deelname per 1 april 2031')
	})

	test('the invoice lists its amounts as label/value lines in the text version', () => {
		const mail = renderEmail('invoice_issued', samples.invoice_issued)
		expect(mail.text).toMatch(/Omzet monodisciplinaire GGZ 2031: +€ 3\.000,00/)
		expect(mail.text).toMatch(/Te betalen: +€ 75,00/)
		expect(renderEmail('invoice_issued', { ...samples.invoice_issued, minimumApplied: false }).text).not.toContain(
			'minimale afdracht in rekening',
		)
	})

	test('an unsigned application lapses with other words than a withdrawal', () => {
		const mail = renderEmail('withdrawal', { ...samples.withdrawal, signed: false })
		expect(mail.subject).toBe('Aanvraag Keurmerk Kortdurende Generalistische GGZ 2031 vervallen')
		expect(mail.text).not.toContain('ingetrokken')
	})
})

describe('staff labels', () => {
	test('every template has a name on the staff outbox page', async () => {
		const { templateKeys } = await import('#app/routes/staff/mail.columns.tsx')
		expect(Object.keys(templateKeys).sort()).toEqual([...emailTemplateNames].sort())
	})
})
