// `prisma generate` needs no native engine, but the CLI refuses to start without one and tries to
// download it (which fails offline). Pointing it at any existing executable satisfies the check;
// generation itself runs in WebAssembly. See docs/decisions/002-wasm-schema-engine.md.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const cli = require.resolve('prisma/build/index.js')
const result = spawnSync(process.execPath, [cli, 'generate', '--no-hints'], {
	stdio: 'inherit',
	env: {
		...process.env,
		PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
		PRISMA_HIDE_UPDATE_MESSAGE: '1',
		CHECKPOINT_DISABLE: '1',
	},
})
process.exit(result.status ?? 1)
