import type { NavItem } from './types.ts'

// The menu for visitors and for signed-in users outside their organisation's pages.
export const publicNavigation: NavItem[] = [
	{ to: '/', label: 'shell.navHome', end: true },
	{ to: '/register', label: 'shell.navRegister' },
	{ to: '/verifieer', label: 'shell.navVerify' },
	{ to: '/normen', label: 'shell.navNorms' },
	{ to: '/consultatie', label: 'consultation.nav' },
	{ to: '/aanmelden', label: 'shell.navApply' },
]

// An organisation account (issue 18) takes part in consultations only.
export const organisationNavigation: NavItem[] = [
	{ to: '/consultatie', label: 'consultation.nav' },
	{ to: '/normen', label: 'shell.navNorms' },
]
