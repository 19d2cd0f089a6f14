// The generated authorization suite (issue 15): every route of app/routes.ts — read from the route
// config itself — × every role (anonymous, a member of A, the signing member and a non-signing member
// of B, an assessor, an administrator), its loader and its action, with B's ids. The cases (params,
// a plausible body, who may do what) are in test/fixtures/route-cases.ts; a route without a case
// fails here. Beyond the expected status, a role that may not see B's data never gets B's SECRET
// back, member A gets nothing of B when it puts B's ids into A's own URLs, no call is a server
// error, and the refused calls change nothing of B.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import routeConfig from '#app/routes.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { buildWorld, MOMENT, type Role, roles, SECRET, type World } from '#test/fixtures/authz-world.ts'
import { formRequest, getRequest, routeArgs, settle } from '#test/fixtures/requests.ts'
import { type Expect, type Fields, type RouteCase, routeCases } from '#test/fixtures/route-cases.ts'

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../app')

interface ConfigEntry {
	id?: string
	path?: string
	file: string
	index?: boolean
	children?: ConfigEntry[]
}
interface FlatRoute {
	id: string
	path: string
	file: string
}

/** Every route of the config with React Router's id (its `id`, else the file without extension) and full path. */
function flatten(entries: ConfigEntry[], parentPath = '', out: FlatRoute[] = []): FlatRoute[] {
	for (const entry of entries) {
		const full = [parentPath, entry.path ?? ''].filter(Boolean).join('/')
		out.push({ id: entry.id ?? entry.file.replace(/\.[^/.]+$/, ''), path: full, file: entry.file })
		if (entry.children) flatten(entry.children, full, out)
	}
	return out
}

const routes = flatten(routeConfig as ConfigEntry[])

type Handler = (args: never) => Promise<unknown>
type Module = { loader?: Handler; action?: Handler }

function urlFor(route: FlatRoute, params: Record<string, string>, search = ''): string {
	const filled = route.path
		.split('/')
		.map((segment) => {
			if (segment === '*') return params['*'] ?? ''
			const match = /^:(\w+)(\?)?(.*)$/.exec(segment)
			if (!match) return segment
			return `${encodeURIComponent(params[match[1]!] ?? '')}${match[3] ?? ''}`
		})
		.filter((segment, index, all) => segment !== '' || index === all.length - 1)
		.join('/')
	return `/${filled}${search}`
}

type Outcome = { kind: Expect | 'error'; status: number; detail: string; body: string }

function jsonText(value: unknown): string {
	return JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? item.toString() : item)) ?? ''
}

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
	let settled: Awaited<ReturnType<typeof settle>>
	try {
		settled = await settle(run)
	} catch (error) {
		return { kind: 'error', status: 500, detail: String(error).slice(0, 300), body: '' }
	}
	if (settled.response) {
		const response = settled.response
		const body = Buffer.from(await response.clone().arrayBuffer()).toString('latin1')
		const location = response.headers.get('Location') ?? ''
		const status = response.status
		const detail = `${status}${location ? ` → ${location}` : ''}`
		if (status >= 500) return { kind: 'error', status, detail: `${detail} ${body.slice(0, 200)}`, body }
		if (status >= 300 && status < 400 && location.startsWith('/inloggen'))
			return { kind: 'login', status, detail, body }
		// A script's endpoint (autosave, upload) asks for a login in JSON instead of a redirect.
		if (status === 401 && body.includes('"code":"session_ended"')) return { kind: 'login', status, detail, body }
		if (status === 401 || status === 403 || status === 404) return { kind: 'refused', status, detail, body }
		return { kind: 'ok', status, detail, body }
	}
	const record = settled.value as { type?: string; init?: { status?: number } } | undefined
	const status = record?.type === 'DataWithResponseInit' ? (record.init?.status ?? 200) : 200
	const body = jsonText(settled.value)
	if (status >= 500) return { kind: 'error', status, detail: `${status} ${body.slice(0, 200)}`, body }
	if (status === 401 || status === 403 || status === 404)
		return { kind: 'refused', status, detail: String(status), body }
	return { kind: 'ok', status, detail: String(status), body }
}

/** Whether the role may see B's non-public data in this answer. */
const ownsB = (role: Role) => role === 'memberB' || role === 'readerB' || role === 'assessor' || role === 'admin'

let world: World
const modules = new Map<string, Module>()
let clientIp = 0

beforeAll(async () => {
	world = await buildWorld()
	for (const route of routes) modules.set(route.id, (await import(path.join(appDir, route.file))) as Module)
})

beforeEach(() => {
	setClock(MOMENT)
})

async function call(
	route: FlatRoute,
	method: 'loader' | 'action',
	role: Role,
	params: Record<string, string>,
	routeCase: RouteCase,
) {
	const module = modules.get(route.id)!
	const handler = module[method]!
	const url = urlFor(route, params, routeCase.search)
	const cookie = await world.cookie(role)
	const fields: Fields = method === 'action' ? (routeCase.body?.(world) ?? {}) : {}
	const request = method === 'loader' ? getRequest(url, cookie) : formRequest(url, fields, cookie)
	clientIp += 1
	return {
		url,
		outcome: await outcomeOf(() => handler(routeArgs(request, params, `10.15.${clientIp >> 8}.${clientIp & 255}`))),
	}
}

function problemsOf(
	route: FlatRoute,
	method: 'loader' | 'action',
	role: Role,
	expected: Expect,
	url: string,
	outcome: Outcome,
): string[] {
	const where = `${route.id} ${method === 'loader' ? 'GET' : 'POST'} ${url} as ${role}`
	const problems: string[] = []
	if (outcome.kind === 'error') problems.push(`${where}: server error ${outcome.detail}`)
	else if (outcome.kind !== expected)
		problems.push(`${where}: expected ${expected}, got ${outcome.kind} (${outcome.detail})`)
	if ((!ownsB(role) || expected !== 'ok') && outcome.body.includes(SECRET))
		problems.push(`${where}: B's data leaked (${outcome.detail})`)
	return problems
}

describe('the route table', () => {
	it('has a case for every route of app/routes.ts, and none for a route that is gone', () => {
		const missing = routes.filter((route) => !(route.id in routeCases)).map((route) => route.id)
		expect(
			missing,
			`Routes without a case: add them to test/fixtures/route-cases.ts (see docs/security.md, "Adding a route's case")`,
		).toEqual([])
		const ids = new Set(routes.map((route) => route.id))
		expect(
			Object.keys(routeCases).filter((id) => !ids.has(id)),
			'Cases for routes that no longer exist',
		).toEqual([])
	})

	it('says who may use the loader and the action of every route that has them', () => {
		const gaps: string[] = []
		for (const route of routes) {
			const routeCase = routeCases[route.id]
			const module = modules.get(route.id)!
			if (!routeCase || routeCase.skip) continue
			if (module.loader && !routeCase.loader) gaps.push(`${route.id}: loader without "loader" access`)
			if (module.action && !routeCase.action) gaps.push(`${route.id}: action without "action" access`)
			if (module.action && !routeCase.body) gaps.push(`${route.id}: action without a plausible "body"`)
			if (!module.loader && routeCase.loader) gaps.push(`${route.id}: "loader" access but the module has no loader`)
			if (!module.action && routeCase.action) gaps.push(`${route.id}: "action" access but the module has no action`)
			for (const name of route.path.matchAll(/:(\w+)/g)) {
				if (!routeCase.params?.(world)[name[1]!] && !route.path.includes(`:${name[1]}?`))
					gaps.push(`${route.id}: no value for :${name[1]}`)
			}
		}
		expect(gaps).toEqual([])
	})
})

/**
 * Calls `method` of every tested route as each role `which` picks, and (when `smuggle` says so) as
 * member A with B's ids inside A's own URL: A may get its own page, never B's things in it.
 */
async function run(
	method: 'loader' | 'action',
	which: (expected: Expect) => boolean,
	smuggle: (params: Record<string, string>) => boolean,
): Promise<string[]> {
	const problems: string[] = []
	const verb = method === 'loader' ? 'GET' : 'POST'
	for (const route of routes) {
		const routeCase = routeCases[route.id]
		const access = routeCase?.[method]
		if (!routeCase || routeCase.skip || !access || !modules.get(route.id)![method]) continue
		const params = routeCase.params?.(world) ?? {}
		for (const role of roles) {
			if (!which(access[role])) continue
			const { url, outcome } = await call(route, method, role, params, routeCase)
			problems.push(...problemsOf(route, method, role, access[role], url, outcome))
		}
		if (!params.providerId || !smuggle(params)) continue
		const smuggled = { ...params, providerId: world.a.provider.id }
		const { url, outcome } = await call(route, method, 'memberA', smuggled, routeCase)
		if (outcome.kind === 'error') problems.push(`${route.id} ${verb} ${url} as memberA: server error ${outcome.detail}`)
		if (outcome.body.includes(SECRET)) problems.push(`${route.id} ${verb} ${url} as memberA: B's data leaked`)
	}
	return problems
}

// Loaders first, then the actions of roles that are refused (B's data must be unchanged after
// them), then the actions of roles that may act: an allowed action may change B's world.
describe('every route × every role', () => {
	it('GET: each role gets what the table says, and nothing of B it may not see', async () => {
		expect(
			await run(
				'loader',
				() => true,
				(params) => Object.keys(params).length > 1,
			),
		).toEqual([])
	})

	it('POST by a role that may not: refused, nothing of B leaks, nothing of B changes', async () => {
		const before = await snapshotOfB(world)
		expect(
			await run(
				'action',
				(expected) => expected !== 'ok',
				() => true,
			),
		).toEqual([])
		expect(await snapshotOfB(world)).toEqual(before)
	})

	it('POST by a role that may: not refused, no server error', async () => {
		expect(
			await run(
				'action',
				(expected) => expected === 'ok',
				() => false,
			),
		).toEqual([])
	})
})

// The insurer's column above says what it may not do; this says what it is for (issue 18): it reads
// the concept and reacts as its own organisation, and sees nobody else's reaction.
describe('the insurer (an organisation account)', () => {
	it('reads the consultation and reacts as its own organisation', async () => {
		const concept = modules.get('routes/consultation/concept')! as Required<Module>
		const params = { year: String(world.b.consultationYear) }
		const url = `/consultatie/${params.year}`
		const cookie = await world.cookie('insurer')
		const party = `user:${world.insurer.id}`
		const page = await outcomeOf(() => concept.loader(routeArgs(getRequest(url, cookie), params) as never))
		expect(page.kind, page.detail).toBe('ok')
		expect(page.body).toContain(party)
		expect(page.body).toContain('Zorgverzekeraar Test')
		expect(page.body).not.toContain(SECRET)
		const fields = { party, text: 'Graag meer aandacht voor de wachttijden.', version: '0' }
		const saved = await outcomeOf(() => concept.action(routeArgs(formRequest(url, fields, cookie), params) as never))
		expect(saved.kind, saved.detail).toBe('ok')
		const response = await db.consultationResponse.findFirstOrThrow({
			where: { partyKey: party },
			include: { reactions: true },
		})
		expect(response).toMatchObject({ reactorType: 'organisation', organisationName: 'Zorgverzekeraar Test' })
		expect(response.reactions.map((reaction) => reaction.text)).toEqual([fields.text])
	})
})

/** What a refused POST must not change: B's rows that the routes above could touch. */
async function snapshotOfB(w: World) {
	const providerId = w.b.provider.id
	return jsonText(
		await Promise.all([
			db.provider.findUniqueOrThrow({ where: { id: providerId } }),
			db.membership.findMany({ where: { providerId }, orderBy: { id: 'asc' } }),
			db.participation.findMany({ where: { providerId }, orderBy: { id: 'asc' } }),
			db.agreement.findMany({ where: { participation: { providerId } }, orderBy: { id: 'asc' } }),
			db.selfEvaluationRound.findMany({ where: { participation: { providerId } }, orderBy: { id: 'asc' } }),
			db.answer.findMany({
				where: { round: { participation: { providerId } } },
				orderBy: { id: 'asc' },
				select: { id: true, version: true, text: true },
			}),
			db.turnoverReport.count({ where: { participation: { providerId } } }),
			db.invoice.findMany({ where: { participation: { providerId } }, orderBy: { id: 'asc' } }),
			db.followUp.findMany({ where: { participation: { providerId } }, orderBy: { id: 'asc' } }),
			db.benchmarkDelivery.findMany({ where: { providerId }, orderBy: { id: 'asc' } }),
			db.withdrawalProposal.findMany({ where: { participation: { providerId } }, orderBy: { id: 'asc' } }),
			db.withdrawal.count({ where: { participation: { providerId } } }),
			db.networkProfile.count({ where: { providerId } }),
			db.user.count(),
		]),
	)
}
