// Every fixture the end-to-end tests may create through /__test/fixtures/<name>, one module per area.
// Loaded only by a dynamic import in app/routes/system/test-hooks.ts, when the hooks are on: the
// fixtures are a separate chunk of the build that production never loads.
import { accountFixtures } from './accounts.server.ts'
import { benchmarkFixtures } from './benchmark.server.ts'
import { consultationFixtures } from './consultation.server.ts'
import { feeFixtures } from './fees.server.ts'
import { providerFixtures } from './provider.server.ts'
import { registerFixtures } from './register.server.ts'
import { securityFixtures } from './security.server.ts'
import { selfEvaluationFixtures } from './self-evaluation.server.ts'
import { staffFixtures } from './staff.server.ts'
import type { Fixture } from './types.ts'
import { yearFixtures } from './years.server.ts'

export type { Fixture }

export const testFixtures: Record<string, Fixture> = {
	...yearFixtures,
	...accountFixtures,
	...feeFixtures,
	...staffFixtures,
	...providerFixtures,
	...selfEvaluationFixtures,
	...registerFixtures,
	...benchmarkFixtures,
	...consultationFixtures,
	...securityFixtures,
}
