import { type RouteConfig, route } from '@react-router/dev/routes'
import { authRoutes } from './routes/auth/routes.ts'
import { consultationRoutes } from './routes/consultation/routes.ts'
import { benchmarkRoutes } from './routes/provider/benchmark/routes.ts'
import { networkRoutes } from './routes/provider/network/routes.ts'
import { providerRoutes } from './routes/provider/routes.ts'
import { selfEvaluationRoutes } from './routes/provider/self-evaluation/routes.ts'
import { publicRoutes } from './routes/public/routes.ts'
import { staffRoutes } from './routes/staff/routes.ts'

// Every URL of the portal, one list per area (URLs are Dutch, the portal's language).
export default [
	...publicRoutes,
	...authRoutes,
	...providerRoutes,
	...selfEvaluationRoutes,
	...benchmarkRoutes,
	...networkRoutes,
	...consultationRoutes,
	...staffRoutes,

	// System
	route('__test/*', 'routes/system/test-hooks.ts'),
	route('*', 'routes/system/not-found.tsx'),
] satisfies RouteConfig
