import type { RouteConfig } from '@react-router/dev/routes'

// The self-evaluation, its feedback and revisions, the certificate (under /aanbieder/:providerId).
export const selfEvaluationRoutes = [] satisfies RouteConfig
