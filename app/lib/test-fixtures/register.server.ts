import type { Fixture } from './index.server.ts'

// Fixtures for the public register.
export const registerFixtures: Record<string, Fixture> = {}
