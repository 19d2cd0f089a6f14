import { type RouteConfig, index, route } from '@react-router/dev/routes'

// Public pages: no login.
export const publicRoutes = [
	index('routes/public/home.tsx'),
	route('agenda/:token.ics', 'routes/public/calendar-feed.ts'),

	// The Keurmerkregister (issue 6)
	route('register', 'routes/public/register.tsx'),
	route('register/:slug', 'routes/public/carrier.tsx'),
	route('register/:slug/badge.svg', 'routes/public/carrier-badge.ts'),
	route('verifieer/:number?', 'routes/public/verify.tsx'),
	route('normen', 'routes/public/norms.tsx'),
	route('normen/:year', 'routes/public/norms-year.tsx'),
	route('open-data', 'routes/public/open-data.tsx'),
	route('open-data/v1/register.json', 'routes/public/open-data-file.ts', { id: 'open-data-json' }),
	route('open-data/v1/register.csv', 'routes/public/open-data-file.ts', { id: 'open-data-csv' }),
	route('open-data/v1/spiegelrapportage.json', 'routes/public/open-data-benchmark.ts', {
		id: 'open-data-benchmark-json',
	}),
	route('open-data/v1/spiegelrapportage.csv', 'routes/public/open-data-benchmark.ts', {
		id: 'open-data-benchmark-csv',
	}),
] satisfies RouteConfig
