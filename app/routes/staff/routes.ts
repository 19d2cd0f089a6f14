import { type RouteConfig, route } from '@react-router/dev/routes'

// The KiBG office: everything under /medewerkers requires a staff role.
export const staffRoutes = [route('medewerkers', 'routes/staff/overview.tsx')] satisfies RouteConfig
