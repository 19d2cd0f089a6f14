import { type RouteConfig, route } from '@react-router/dev/routes'

// The consultation of concept norms (issue 18): carriers, invited organisations and (when a
// consultation allows it) anyone with a verified address read the concept and react. The published
// "Wijzigingen en overwegingen" sits beside the norms of its year.
const dir = 'routes/consultation'

export const consultationRoutes = [
	route('consultatie', `${dir}/index.tsx`),
	route('consultatie/:year', `${dir}/concept.tsx`),
	route('consultatie/:year/norm/:normKey', `${dir}/norm.tsx`),
	route('consultatie/:year/aanmelden', `${dir}/register.tsx`),
	route('consultatie/:year/bijlage/:fileId', `${dir}/attachment.ts`),
	route('normen/:year/wijzigingen', `${dir}/changes.tsx`),
	route('normen/:year/wijzigingen.pdf', `${dir}/changes-pdf.ts`),
] satisfies RouteConfig
