import { href } from 'react-router'
import type { NavItem } from './types.ts'

// The menu inside /aanbieder/:providerId.
export function providerNavigation(
	providerId: string,
	{ unreadMessages = 0 }: { unreadMessages?: number } = {},
): NavItem[] {
	const base = href('/aanbieder/:providerId', { providerId })
	return [
		{ to: base, label: 'shell.navProviderDashboard', end: true },
		{ to: `${base}/zelfevaluatie`, label: 'shell.navSelfEvaluation' },
		{
			to: `${base}/berichten`,
			label: 'conversation.nav',
			...(unreadMessages > 0 ? { badge: { count: unreadMessages, label: 'conversation.unread' as const } } : {}),
		},
		{ to: `${base}/spiegelrapportage`, label: 'benchmark.nav' },
		{ to: `${base}/kennisnetwerk`, label: 'network.nav' },
		{ to: `${base}/overeenkomst`, label: 'shell.navAgreement' },
		// Ten items do not fit one row at 1280 px (test/e2e/provider-menu.spec.ts): what is done once
		// a year or less sits behind "Meer", as in the staff menu.
		{ to: `${base}/team`, label: 'shell.navTeam', more: true },
		{ to: `${base}/omzet`, label: 'shell.navTurnover', more: true },
		{ to: `${base}/toezeggingen`, label: 'shell.navFollowUps', more: true },
		{ to: `${base}/gegevens`, label: 'shell.navProfile', more: true },
	]
}
