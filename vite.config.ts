import { reactRouter } from '@react-router/dev/vite'
import { defineConfig } from 'vite'

// The Express app (server/app.ts) is the entry of the server bundle, so start-up, the portal's
// routes and the scheduler share one module graph (and one database connection).
export default defineConfig(({ isSsrBuild }) => ({
	build: {
		target: 'es2022',
		rollupOptions: isSsrBuild ? { input: './server/app.ts' } : undefined,
	},
	ssr: {
		// Loaded from node_modules at run time: they read their own wasm and data files.
		external: ['@electric-sql/pglite', '@prisma/schema-engine-wasm', 'prisma', 'pdfkit', '@node-rs/argon2'],
	},
	server: { port: 3000 },
	plugins: [reactRouter()],
}))
