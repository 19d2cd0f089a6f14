import type { NavItem } from './types.ts'

// The menu inside /aanbieder/:providerId.
export function providerNavigation(providerId: string): NavItem[] {
	const base = `/aanbieder/${providerId}`
	return [{ to: base, label: 'shell.navProviderDashboard', end: true }]
}
