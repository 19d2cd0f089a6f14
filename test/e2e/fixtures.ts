// Playwright fixtures: data through the test hooks (the embedded database lives inside the
// server process), sign-in by writing a session, and an axe check.
import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page, type TestInfo } from '@playwright/test'

let sequence = 0
export function uniqueId(): string {
	sequence += 1
	return `${Date.now().toString(36)}${sequence}${Math.random().toString(36).slice(2, 5)}`
}

export function uniqueKvk(): string {
	return String(10_000_000 + Math.floor(Math.random() * 89_999_999)).slice(0, 8)
}

/**
 * The year a test works in, one of its own per attempt (CI retries once): a test that counts a
 * year's carriers would otherwise find the failed attempt's providers beside its own.
 */
export function attemptYear(testInfo: TestInfo, years: readonly number[]): number {
	const year = years[testInfo.retry]
	if (year === undefined) throw new Error(`Geen jaar voor poging ${testInfo.retry + 1}: geef er een per poging`)
	return year
}

export const password = 'een-lang-e2e-wachtwoord'
const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3210}`

export interface Hooks {
	post<T = unknown>(path: string, body: unknown): Promise<T>
	get<T = unknown>(path: string): Promise<T>
	setClock(at: string | null, mode?: 'frozen' | 'running'): Promise<void>
	createStaff(role: 'assessor' | 'admin'): Promise<{ email: string; userId: string }>
	createProvider(options?: {
		name?: string
		canSign?: boolean
		city?: string
	}): Promise<{ email: string; providerId: string; name: string }>
	signIn(page: Page, email: string): Promise<void>
}

export const test = base.extend<{ hooks: Hooks }>({
	hooks: async ({ request }, use) => {
		const hooks: Hooks = {
			async post(path, body) {
				const response = await request.post(`/__test/${path}`, { data: body })
				expect(response.ok(), `${path}: ${await response.text()}`).toBeTruthy()
				return response.json()
			},
			async get(path) {
				const response = await request.get(`/__test/${path}`)
				expect(response.ok(), path).toBeTruthy()
				return response.json()
			},
			async setClock(at, mode = 'frozen') {
				await hooks.post('clock', { at, mode })
			},
			async createStaff(role) {
				const email = `${role}-${uniqueId()}@kibg.test`
				const { userId } = await hooks.post<{ userId: string }>('fixtures/user', {
					email,
					password,
					staffRole: role,
					name: `Test ${role}`,
				})
				return { email, userId }
			},
			async createProvider(options = {}) {
				const email = `lid-${uniqueId()}@praktijk.test`
				const name = options.name ?? `Praktijk ${uniqueId()}`
				const { providerId } = await hooks.post<{ providerId: string }>('fixtures/provider', {
					name,
					kvkNumber: uniqueKvk(),
					city: options.city ?? 'Utrecht',
					member: { email, password, name: 'Test Lid', canSign: options.canSign ?? true },
				})
				return { email, providerId, name }
			},
			async signIn(page, email) {
				const { cookie } = await hooks.post<{ cookie: string }>('session', { email })
				const separator = cookie.indexOf('=')
				await page.context().addCookies([
					{
						name: cookie.slice(0, separator),
						value: cookie.slice(separator + 1),
						url: baseURL,
						httpOnly: true,
						sameSite: 'Lax',
					},
				])
			},
		}
		await use(hooks)
		await hooks.setClock(null)
	},
})

/** Fails on serious or critical accessibility violations (WCAG 2.1 A/AA rules). */
export async function expectAccessible(page: Page) {
	// A sandboxed frame (the mail preview) runs no scripts, so axe cannot enter it and would wait
	// forever; its content is the stored mail, which the template tests check.
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.exclude('iframe[sandbox]')
		.analyze()
	const serious = results.violations.filter(
		(violation) => violation.impact === 'serious' || violation.impact === 'critical',
	)
	expect(
		serious.map(
			(violation) =>
				`${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
		),
	).toEqual([])
}

export { expect }
