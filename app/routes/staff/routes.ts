import { type RouteConfig, layout, route } from '@react-router/dev/routes'

// The KiBG office: everything under /medewerkers requires a staff role; admin-only screens and
// actions check for the admin role on the server (a 404 for assessors).
export const staffRoutes = [
	layout('routes/staff/layout.tsx', [
		route('medewerkers', 'routes/staff/overview.tsx'),
		route('medewerkers/deelnames', 'routes/staff/participations.tsx'),
		route('medewerkers/deelnames/csv', 'routes/staff/participations-csv.ts'),
		route('medewerkers/deelnames/:participationId', 'routes/staff/participation.tsx'),
		route('medewerkers/deelnames/:participationId/beoordeling/:round', 'routes/staff/assessment.tsx'),
		route('medewerkers/steekproef', 'routes/staff/sample.tsx'),
		route('medewerkers/intrekkingen', 'routes/staff/withdrawals.tsx'),
		route('medewerkers/jaren', 'routes/staff/years.tsx'),
		route('medewerkers/jaren/:year', 'routes/staff/year.tsx'),
		route('medewerkers/normen/:year', 'routes/staff/norm-set.tsx'),
		route('medewerkers/gebruikers', 'routes/staff/users.tsx'),
		route('medewerkers/audit', 'routes/staff/audit.tsx'),
		route('medewerkers/audit/csv', 'routes/staff/audit-csv.ts'),
		route('medewerkers/documenten/:fileId', 'routes/staff/document.ts'),
	]),
] satisfies RouteConfig
