import { href } from 'react-router'
import type { NavItem } from './types.ts'

// The menu inside /aanbieder/:providerId.
export function providerNavigation(providerId: string): NavItem[] {
	const base = href('/aanbieder/:providerId', { providerId })
	return [
		{ to: base, label: 'shell.navProviderDashboard', end: true },
		{ to: `${base}/zelfevaluatie`, label: 'shell.navSelfEvaluation' },
		{ to: `${base}/spiegelrapportage`, label: 'benchmark.nav' },
		{ to: `${base}/kennisnetwerk`, label: 'network.nav' },
		{ to: `${base}/overeenkomst`, label: 'shell.navAgreement' },
		{ to: `${base}/team`, label: 'shell.navTeam' },
		{ to: `${base}/omzet`, label: 'shell.navTurnover' },
		{ to: `${base}/toezeggingen`, label: 'shell.navFollowUps' },
		{ to: `${base}/gegevens`, label: 'shell.navProfile' },
	]
}
