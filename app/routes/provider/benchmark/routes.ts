import { type RouteConfig, route } from '@react-router/dev/routes'

// The spiegelrapportage of a carrier (DOMAIN.md §9), under /aanbieder/:providerId.
const base = 'aanbieder/:providerId/spiegelrapportage'
const dir = 'routes/provider/benchmark'

export const benchmarkRoutes = [
	route(base, `${dir}/index.tsx`),
	route(`${base}/:year`, `${dir}/report.tsx`),
	route(`${base}/:year/pdf`, `${dir}/report-pdf.ts`),
	route(`${base}/:year/aanleveren`, `${dir}/delivery.tsx`),
	route(`${base}/:year/waarde`, `${dir}/autosave.ts`),
	route(`${base}/:year/sjabloon.xlsx`, `${dir}/template.ts`, { id: 'benchmark-template-xlsx' }),
	route(`${base}/:year/sjabloon.csv`, `${dir}/template.ts`, { id: 'benchmark-template-csv' }),
] satisfies RouteConfig
