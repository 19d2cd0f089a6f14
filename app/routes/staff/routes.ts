import { type RouteConfig, layout, route } from '@react-router/dev/routes'

// The KiBG office: everything under /medewerkers requires a staff role; admin-only screens and
// actions check for the admin role on the server (a 404 for assessors).
export const staffRoutes = [
	layout('routes/staff/layout.tsx', [
		route('medewerkers', 'routes/staff/overview.tsx'),
		route('medewerkers/werkbank', 'routes/staff/workbench.tsx'),
		route('medewerkers/deelnames', 'routes/staff/participations.tsx'),
		route('medewerkers/deelnames/csv', 'routes/staff/participations-csv.ts'),
		route('medewerkers/deelnames/:participationId', 'routes/staff/participation.tsx'),
		route('medewerkers/deelnames/:participationId/berichten', 'routes/staff/conversation.tsx'),
		route('medewerkers/deelnames/:participationId/beoordeling/:round', 'routes/staff/assessment.tsx'),
		route('medewerkers/deelnames/:participationId/beoordeling/:round/concept', 'routes/staff/assessment-draft.ts'),
		// Safe decisions (issue 12 §5): confirmation pages with a preview of exactly what happens.
		route('medewerkers/deelnames/:participationId/beoordeling/:round/besluit', 'routes/staff/decision.tsx'),
		route('medewerkers/deelnames/:participationId/intrekken', 'routes/staff/withdraw.tsx'),
		route('medewerkers/deelnames/:participationId/intrekken/brief', 'routes/staff/withdraw-letter.ts'),
		route('medewerkers/intrekkingen/voorstel/:proposalId', 'routes/staff/withdrawal-proposal.tsx'),
		route('medewerkers/intrekkingen/voorstel/:proposalId/brief', 'routes/staff/withdrawal-proposal-letter.ts'),
		route('medewerkers/steekproef', 'routes/staff/sample.tsx'),
		route('medewerkers/intrekkingen', 'routes/staff/withdrawals.tsx'),
		route('medewerkers/toezeggingen', 'routes/staff/follow-ups.tsx'),
		route('medewerkers/jaren', 'routes/staff/years.tsx'),
		route('medewerkers/jaren/:year', 'routes/staff/year.tsx'),
		route('medewerkers/normen/:year', 'routes/staff/norm-set/overview.tsx'),
		route('medewerkers/normen/:year/norm/:normKey', 'routes/staff/norm-set/norm.tsx'),
		route('medewerkers/gebruikers', 'routes/staff/users.tsx'),
		route('medewerkers/audit', 'routes/staff/audit.tsx'),
		route('medewerkers/audit/csv', 'routes/staff/audit-csv.ts'),
		route('medewerkers/documenten/:fileId', 'routes/staff/document.ts'),
		// Fees, mail and scheduled runs (issue 7).
		route('medewerkers/facturen', 'routes/staff/invoices.tsx'),
		route('medewerkers/facturen/export', 'routes/staff/invoices.export.ts'),
		route('medewerkers/facturen/omzet', 'routes/staff/invoices.turnover.tsx'),
		route('medewerkers/facturen/omzet/:participationId', 'routes/staff/invoices.turnover-detail.tsx'),
		route('medewerkers/facturen/:invoiceId', 'routes/staff/invoices.detail.tsx'),
		route('medewerkers/facturen/:invoiceId/pdf', 'routes/staff/invoices.pdf.ts'),
		route('medewerkers/mail', 'routes/staff/mail.tsx'),
		route('medewerkers/mail/:emailId', 'routes/staff/mail.message.tsx'),
		route('medewerkers/mail/:emailId/html', 'routes/staff/mail.html.ts'),
		route('medewerkers/taken', 'routes/staff/jobs.tsx'),
		// Spiegelrapportage (issue 14).
		route('medewerkers/spiegelrapportage', 'routes/staff/benchmark/overview.tsx'),
		route('medewerkers/spiegelrapportage/csv', 'routes/staff/benchmark/export.ts'),
		route('medewerkers/spiegelrapportage/indicatoren/:year', 'routes/staff/benchmark/indicators.tsx'),
		route('medewerkers/spiegelrapportage/aanlevering/:deliveryId', 'routes/staff/benchmark/delivery.tsx'),
		// Consultation of concept norms and the kennisnetwerk (issue 18).
		route('medewerkers/consultaties', 'routes/staff/consultation/index.tsx'),
		route('medewerkers/consultaties/organisaties', 'routes/staff/consultation/organisations.tsx'),
		route('medewerkers/consultaties/:year', 'routes/staff/consultation/detail.tsx'),
		route('medewerkers/consultaties/:year/reacties', 'routes/staff/consultation/reactions.tsx'),
		route('medewerkers/consultaties/:year/reacties.csv', 'routes/staff/consultation/reactions-csv.ts'),
		route('medewerkers/consultaties/:year/bijlage/:fileId', 'routes/staff/consultation/attachment.ts'),
		route('medewerkers/kennisnetwerk', 'routes/staff/network/matrix.tsx'),
		route('medewerkers/kennisnetwerk/matrix.csv', 'routes/staff/network/matrix-csv.ts'),
		route('medewerkers/kennisnetwerk/themas/:year', 'routes/staff/network/themes.tsx'),
	]),
] satisfies RouteConfig
