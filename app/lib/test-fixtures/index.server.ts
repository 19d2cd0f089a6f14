// Every fixture the end-to-end tests may create through /__test/fixtures/<name>, one module per area.
import { accountFixtures } from './accounts.server.ts'
import { benchmarkFixtures } from './benchmark.server.ts'
import { consultationFixtures } from './consultation.server.ts'
import { feeFixtures } from './fees.server.ts'
import { providerFixtures } from './provider.server.ts'
import { registerFixtures } from './register.server.ts'
import { selfEvaluationFixtures } from './self-evaluation.server.ts'
import { staffFixtures } from './staff.server.ts'

export type Fixture = (input: unknown) => Promise<unknown>

export const testFixtures: Record<string, Fixture> = {
	...accountFixtures,
	...feeFixtures,
	...staffFixtures,
	...providerFixtures,
	...selfEvaluationFixtures,
	...registerFixtures,
	...benchmarkFixtures,
	...consultationFixtures,
}
