// The environment every integration test runs in: quiet, no scheduler, no SMTP unless a test
// starts its own server.
export const testEnv = {
	NODE_ENV: 'test',
	APP_URL: 'http://localhost:3999',
	SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789',
	KEURMERK_SCHEDULER: 'off',
	KEURMERK_TEST_HOOKS: '1',
	LOG_LEVEL: 'silent',
	FILE_STORAGE_DIR: 'var/test/files',
	// Tests sign staff in by writing a session; the 2FA tests switch the requirement on themselves.
	KEURMERK_ADMIN_2FA: 'optional',
} as const
