import type { Fixture } from './index.server.ts'

// Fixtures for applications, agreements, team.
export const providerFixtures: Record<string, Fixture> = {}
