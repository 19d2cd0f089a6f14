import { type RouteConfig, route } from '@react-router/dev/routes'

// Provider members: everything under /aanbieder/:providerId is theirs only.
export const providerRoutes = [
	route('aanbieder/:providerId', 'routes/provider/dashboard.tsx'),
	route('aanbieder/:providerId/facturen/:invoiceId/pdf', 'routes/provider/invoice-pdf.ts'),
] satisfies RouteConfig
