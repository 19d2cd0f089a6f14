import type { StaffRole } from '#app/generated/prisma/enums.ts'
import type { NavItem } from './types.ts'

// The menu of the KiBG office; some entries are for administrators only (the server refuses the
// pages too: hiding a link is never the protection).
export function staffNavigation(role: StaffRole): NavItem[] {
	const items: NavItem[] = [
		{ to: '/medewerkers', label: 'shell.navStaffOverview', end: true },
		{ to: '/medewerkers/werkbank', label: 'workbench.nav' },
		{ to: '/medewerkers/deelnames', label: 'staff.navParticipations' },
		{ to: '/medewerkers/steekproef', label: 'staff.navSample' },
		{ to: '/medewerkers/intrekkingen', label: 'staff.navWithdrawals' },
		{ to: '/medewerkers/toezeggingen', label: 'staff.navFollowUps' },
		{ to: '/medewerkers/spiegelrapportage', label: 'benchmark.navStaff' },
		{ to: '/medewerkers/consultaties', label: 'consultation.navStaff' },
		{ to: '/medewerkers/kennisnetwerk', label: 'network.navStaff' },
		{ to: '/medewerkers/facturen', label: 'shell.navInvoices' },
		{ to: '/medewerkers/jaren', label: 'staff.navYears' },
		{ to: '/medewerkers/mail', label: 'shell.navMail' },
		{ to: '/medewerkers/taken', label: 'shell.navJobs' },
		{ to: '/medewerkers/audit', label: 'staff.navAudit' },
	]
	if (role === 'admin') items.push({ to: '/medewerkers/gebruikers', label: 'staff.navUsers' })
	return items
}
