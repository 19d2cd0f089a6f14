import { type RouteConfig, index } from '@react-router/dev/routes'

// Public pages: no login.
export const publicRoutes = [index('routes/public/home.tsx')] satisfies RouteConfig
