import { type RouteConfig, route } from '@react-router/dev/routes'

// Provider members: everything under /aanbieder/:providerId is theirs only. The application form
// is public.
export const providerRoutes = [
	route('aanmelden', 'routes/provider/application.tsx'),
	route('aanmelden/afmelden/:token', 'routes/provider/application-unsubscribe.tsx'),
	route('aanbieder/:providerId', 'routes/provider/dashboard.tsx'),
	route('aanbieder/:providerId/overeenkomst/:year?', 'routes/provider/agreement.tsx'),
	route('aanbieder/:providerId/overeenkomst/:agreementId/pdf', 'routes/provider/agreement-pdf.ts'),
	route('aanbieder/:providerId/team', 'routes/provider/team.tsx'),
	route('aanbieder/:providerId/omzet', 'routes/provider/turnover.tsx'),
	route('aanbieder/:providerId/toezeggingen', 'routes/provider/follow-ups.tsx'),
	route('aanbieder/:providerId/gegevens', 'routes/provider/profile.tsx'),
	route('aanbieder/:providerId/facturen/:invoiceId/pdf', 'routes/provider/invoice-pdf.ts'),
	// The conversation with KiBG about the participation of a year (issue 12 §4).
	route('aanbieder/:providerId/berichten', 'routes/provider/messages/index.ts'),
	route('aanbieder/:providerId/berichten/:year', 'routes/provider/messages/thread.tsx'),
	route('aanbieder/:providerId/berichten/:year/bijlage/:fileId', 'routes/provider/messages/attachment.ts'),
] satisfies RouteConfig
