// The menus per role, as data. A route that is added to the portal adds its entry here.
import type { MessageKey } from '#app/i18n/catalogue.ts'
import type { SessionUser } from '#app/lib/session.server.ts'

export interface NavItem {
	to: string
	label: MessageKey
	end?: boolean
}

export const publicNavigation: NavItem[] = [{ to: '/', label: 'shell.navHome', end: true }]

export function providerNavigation(providerId: string): NavItem[] {
	const base = `/aanbieder/${providerId}`
	return [{ to: base, label: 'shell.navProviderDashboard', end: true }]
}

export function staffNavigation(role: NonNullable<SessionUser['staffRole']>): NavItem[] {
	const items: NavItem[] = [{ to: '/medewerkers', label: 'shell.navStaffOverview', end: true }]
	if (role === 'admin') {
		// Admin-only entries go here.
	}
	return items
}
