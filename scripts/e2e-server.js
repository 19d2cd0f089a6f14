// The server the end-to-end tests run against: the production build on a fresh embedded
// database in var/e2e, test hooks on, scheduler off (tests run jobs at the moments they choose).
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'

const port = process.env.E2E_PORT ?? '3210'
rmSync('var/e2e', { recursive: true, force: true })
const child = spawn(process.execPath, ['server.js'], {
	stdio: 'inherit',
	env: {
		...process.env,
		NODE_ENV: 'production',
		PORT: port,
		APP_URL: `http://localhost:${port}`,
		PGLITE_DATA_DIR: 'var/e2e/db',
		FILE_STORAGE_DIR: 'var/e2e/files',
		SESSION_SECRET: 'e2e-secret-that-is-long-enough-0123456789',
		KEURMERK_TEST_HOOKS: '1',
		KEURMERK_ALLOW_CLOCK_OVERRIDE: '1',
		KEURMERK_SCHEDULER: 'off',
		KEURMERK_DEMO: '',
		LOG_LEVEL: 'warn',
		// Fixtures sign staff in by writing a session; the 2FA journey enrols on its own.
		KEURMERK_ADMIN_2FA: 'optional',
	},
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
