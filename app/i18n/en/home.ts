import type { home as nl } from '../nl/home.ts'

export const home: Record<keyof typeof nl, string> = {
	title: 'Keurmerk Basis GGZ',
	lead: 'The {mark} shows that a provider of generalist basic mental health care meets the norms KiBG sets every year together with the field.',
	registerTitle: 'Find a carrier',
	registerText: 'Clients, GPs and health insurers find in the register which providers carry the quality mark.',
	registerCta: 'Go to the register',
	verifyTitle: 'Verify a certificate',
	verifyText: 'Check with its number whether a quality mark certificate is valid.',
	verifyCta: 'Verify a certificate',
	providersTitle: 'For care providers',
	providersTextDeadline: 'Apply for the mark, sign the agreement and submit your self-evaluation by {date}.',
	providersTextNoYear:
		"Apply for the mark, sign the agreement and submit your self-evaluation before each year's qualification deadline.",
	providersCta: 'Log in',
	applyCta: 'Apply for the mark',
	cycleTitle: 'Mark year {year}',
	cycleApplicationWindow: 'Applications for {year}: {from} to {until}',
	searchLabel: 'Name or city',
	searchSubmit: 'Search the register',
	verifyLabel: 'Certificate number',
	normsLink: 'The norms per year',
}
