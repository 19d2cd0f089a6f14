import { defineConfig } from '@playwright/test'

// End-to-end tests in Debian's Chromium against the production build, on a fresh embedded
// database, with the test hooks on (clock, fixtures, sessions; see app/routes/system/test-hooks.ts).
const port = Number(process.env.E2E_PORT ?? 3210)
const baseURL = `http://localhost:${port}`

export default defineConfig({
	testDir: 'test/e2e',
	fullyParallel: false,
	workers: 1, // one server, one clock: tests that move it must not interleave
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	use: {
		baseURL,
		locale: 'nl-NL',
		timezoneId: 'Europe/Amsterdam',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic',
			],
		},
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: {
		command: 'node scripts/e2e-server.js',
		url: `${baseURL}/healthz`,
		timeout: 120_000,
		reuseExistingServer: false,
		env: { E2E_PORT: String(port) },
		stdout: 'pipe',
		stderr: 'pipe',
	},
})
