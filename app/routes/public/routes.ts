import { type RouteConfig, index, route } from '@react-router/dev/routes'

// Public pages: no login.
export const publicRoutes = [
	index('routes/public/home.tsx'),
	route('agenda/:token.ics', 'routes/public/calendar-feed.ts'),
] satisfies RouteConfig
