// The accounts of the demo data, shown on the login page in demo mode only (and in the README).
export const demoPassword = 'keurmerk-demo-2027'

export interface DemoAccount {
	email: string
	name: string
	description: string
}

export const demoAccounts: DemoAccount[] = [
	{ email: 'beheer@kibg.demo', name: 'Marieke de Beheerder', description: 'Beheerder KiBG (alle rechten)' },
	{ email: 'beoordelaar@kibg.demo', name: 'Joost Beoordelaar', description: 'Beoordelaar KiBG' },
	{
		email: 'tweede.beoordelaar@kibg.demo',
		name: 'Fatima El Amrani',
		description: 'Tweede beoordelaar KiBG (vier ogen)',
	},
	{
		email: 'praktijk@aanbieder.demo',
		name: 'Sanne Visser',
		description: 'Tekenbevoegd bij Praktijk Visser (vrijgevestigd, nog niet ingediend)',
	},
	{
		email: 'instelling@aanbieder.demo',
		name: 'Ahmed Yilmaz',
		description: 'Tekenbevoegd bij GGZ Rivierenland (instelling, gekwalificeerd)',
	},
	{
		email: 'medewerker@aanbieder.demo',
		name: 'Lotte de Jong',
		description: 'Medewerker zonder tekenbevoegdheid bij GGZ Rivierenland én bij Praktijk Visser',
	},
	{
		email: 'inkoop@zorgverzekeraar.demo',
		name: 'Ingrid Inkoop',
		description: 'Zorgverzekeraar Zorgzaam: uitgenodigd voor de consultatie (ziet alleen consultaties)',
	},
]
