import { type RouteConfig, index, route } from '@react-router/dev/routes'

// URLs are Dutch (the portal's language); one group per area of the portal.
export default [
	index('routes/public/home.tsx'),

	// Accounts
	route('inloggen', 'routes/auth/login.tsx'),
	route('uitloggen', 'routes/auth/logout.ts'),
	route('wachtwoord-vergeten', 'routes/auth/forgot-password.tsx'),
	route('wachtwoord-herstellen/:token', 'routes/auth/reset-password.tsx'),
	route('uitnodiging/:token', 'routes/auth/invitation.tsx'),
	route('account', 'routes/auth/account.tsx'),
	route('taal', 'routes/auth/language.ts'),

	// Provider members: everything under /aanbieder/:providerId is theirs only.
	route('aanbieder/:providerId', 'routes/provider/dashboard.tsx'),

	// KiBG office
	route('medewerkers', 'routes/staff/overview.tsx'),

	// System
	route('healthz', 'routes/system/healthz.ts'),
	route('__test/*', 'routes/system/test-hooks.ts'),
	route('*', 'routes/system/not-found.tsx'),
] satisfies RouteConfig
