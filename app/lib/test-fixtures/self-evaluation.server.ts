import type { Fixture } from './index.server.ts'

// Fixtures for self-evaluations, rounds, certificates.
export const selfEvaluationFixtures: Record<string, Fixture> = {}
