import { defineConfig } from 'vitest/config'

// Two projects: fast pure tests (domain, utils, templates) and integration tests that open a real
// database (PGlite by default, PostgreSQL when TEST_DATABASE_URL is set).
export default defineConfig({
	resolve: { conditions: ['node'] },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: [
						'app/**/*.test.{ts,tsx}',
						'emails/**/*.test.ts',
						'templates/**/*.test.ts',
						'test/unit/**/*.test.ts',
					],
					environment: 'node',
				},
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['test/integration/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['test/setup/global-setup.ts'],
					setupFiles: ['test/setup/integration-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					pool: 'forks',
				},
			},
			{
				// Two production servers on one PostgreSQL (npm run test:instances; needs TEST_DATABASE_URL).
				extends: true,
				test: {
					name: 'instances',
					include: ['test/instances/**/*.test.ts'],
					environment: 'node',
					testTimeout: 240_000,
					hookTimeout: 240_000,
					pool: 'forks',
				},
			},
		],
	},
})
