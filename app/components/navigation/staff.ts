import type { StaffRole } from '#app/generated/prisma/enums.ts'
import type { NavItem } from './types.ts'

// The menu of the KiBG office; some entries are for administrators only (the server refuses the
// pages too: hiding a link is never the protection). The daily work comes first; the rest sits
// behind "Meer" so that the menu fits on one line at 1280 px (issue 12 §8).
export function staffNavigation(role: StaffRole): NavItem[] {
	const items: NavItem[] = [
		{ to: '/medewerkers', label: 'shell.navStaffOverview', end: true },
		{ to: '/medewerkers/werkbank', label: 'workbench.nav' },
		{ to: '/medewerkers/deelnames', label: 'staff.navParticipations' },
		{ to: '/medewerkers/steekproef', label: 'staff.navSample' },
		{ to: '/medewerkers/intrekkingen', label: 'staff.navWithdrawals' },
		{ to: '/medewerkers/toezeggingen', label: 'staff.navFollowUps' },
		{ to: '/medewerkers/spiegelrapportage', label: 'benchmark.navStaff', more: true },
		{ to: '/medewerkers/consultaties', label: 'consultation.navStaff', more: true },
		{ to: '/medewerkers/kennisnetwerk', label: 'network.navStaff', more: true },
		{ to: '/medewerkers/facturen', label: 'shell.navInvoices' },
		{ to: '/medewerkers/jaren', label: 'staff.navYears' },
		{ to: '/medewerkers/mail', label: 'shell.navMail', more: true },
		{ to: '/medewerkers/taken', label: 'shell.navJobs', more: true },
		{ to: '/medewerkers/audit', label: 'staff.navAudit', more: true },
	]
	if (role === 'admin') items.push({ to: '/medewerkers/gebruikers', label: 'staff.navUsers', more: true })
	return items
}
