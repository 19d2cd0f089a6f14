import type { StaffRole } from '#app/generated/prisma/enums.ts'
import type { NavItem } from './types.ts'

// The menu of the KiBG office; some entries are for administrators only.
export function staffNavigation(role: StaffRole): NavItem[] {
	const items: NavItem[] = [{ to: '/medewerkers', label: 'shell.navStaffOverview', end: true }]
	if (role === 'admin') {
		// Administrator-only entries.
	}
	return items
}
