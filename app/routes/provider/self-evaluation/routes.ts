import { type RouteConfig, route } from '@react-router/dev/routes'

// The self-evaluation, its feedback and revisions, the certificate (under /aanbieder/:providerId).
const base = 'aanbieder/:providerId/zelfevaluatie'
const dir = 'routes/provider/self-evaluation'

export const selfEvaluationRoutes = [
	route(base, `${dir}/index.ts`),
	route(`${base}/:year`, `${dir}/overview.tsx`),
	route(`${base}/:year/norm/:normCode`, `${dir}/norm.tsx`),
	route(`${base}/:year/antwoord`, `${dir}/autosave.ts`),
	route(`${base}/:year/document`, `${dir}/upload.ts`),
	route(`${base}/:year/controle`, `${dir}/check.tsx`),
	route(`${base}/:year/pdf`, `${dir}/export.ts`),
	route(`${base}/:year/ronde/:round`, `${dir}/round.tsx`),
	route(`${base}/:year/documenten/:fileId`, `${dir}/document.ts`),
	route('aanbieder/:providerId/certificaat/:year', `${dir}/certificate.ts`),
] satisfies RouteConfig
