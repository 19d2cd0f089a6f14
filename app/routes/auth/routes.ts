import { type RouteConfig, route } from '@react-router/dev/routes'

// Accounts: login, password reset, invitations, the account page, the language switch.
export const authRoutes = [
	route('inloggen', 'routes/auth/login.tsx'),
	route('inloggen/tweestapsverificatie', 'routes/auth/two-factor-login.tsx'),
	route('uitloggen', 'routes/auth/logout.ts'),
	route('wachtwoord-vergeten', 'routes/auth/forgot-password.tsx'),
	route('wachtwoord-herstellen/:token', 'routes/auth/reset-password.tsx'),
	route('uitnodiging/:token', 'routes/auth/invitation.tsx'),
	route('weer-ingelogd', 'routes/auth/signed-in-again.tsx'),
	route('account', 'routes/auth/account.tsx'),
	route('account/tweestapsverificatie', 'routes/auth/two-factor.tsx'),
	route('taal', 'routes/auth/language.ts'),
] satisfies RouteConfig
