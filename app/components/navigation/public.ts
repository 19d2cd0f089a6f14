import type { NavItem } from './types.ts'

// The menu for visitors and for signed-in users outside their organisation's pages.
export const publicNavigation: NavItem[] = [
	{ to: '/', label: 'shell.navHome', end: true },
	{ to: '/register', label: 'shell.navRegister' },
	{ to: '/verifieer', label: 'shell.navVerify' },
	{ to: '/normen', label: 'shell.navNorms' },
	{ to: '/aanmelden', label: 'shell.navApply' },
]
