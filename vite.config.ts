import path from 'node:path'
import { reactRouter } from '@react-router/dev/vite'
import { defineConfig, type Plugin } from 'vite'

/**
 * The upload-check thread (app/lib/upload-check.worker.ts) as a file of its own beside the server
 * bundle, build/server/upload-check-worker.js: a Worker is started from a file Node runs as it is,
 * and Node 20 does not run TypeScript. The pool (upload-check-pool.server.ts) learns where it lies
 * from the placeholder replaced here with the path relative to the chunk that holds the pool.
 */
function uploadCheckWorker(): Plugin {
	const fileName = 'upload-check-worker.js'
	const placeholder = '__KEURMERK_UPLOAD_CHECK_WORKER__'
	return {
		name: 'keurmerk-upload-check-worker',
		apply: 'build',
		applyToEnvironment: (environment) => environment.config.consumer === 'server',
		buildStart() {
			this.emitFile({ type: 'chunk', id: path.resolve('app/lib/upload-check.worker.ts'), fileName })
		},
		renderChunk(code, chunk) {
			if (!code.includes(placeholder)) return null
			const relative = path.posix.relative(path.posix.dirname(chunk.fileName), fileName)
			return code.replaceAll(placeholder, relative.startsWith('.') ? relative : `./${relative}`)
		},
	}
}

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
	plugins: [reactRouter(), uploadCheckWorker()],
}))
