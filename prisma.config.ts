import { defineConfig } from 'prisma/config'

// Only `prisma generate` uses this file: migrations run through the WebAssembly schema engine
// (scripts/db-migrate.ts), because the CLI cannot download its native engine here.
export default defineConfig({
	schema: 'prisma/schema.prisma',
	migrations: { path: 'prisma/migrations' },
})
