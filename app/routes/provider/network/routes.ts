import { type RouteConfig, route } from '@react-router/dev/routes'

// The kennisnetwerk of a carrier (issue 18), under /aanbieder/:providerId.
export const networkRoutes = [
	route('aanbieder/:providerId/kennisnetwerk', 'routes/provider/network/index.tsx'),
] satisfies RouteConfig
