// The Prisma schema engine, compiled to WebAssembly, driven through a driver adapter.
//
// Why: the Prisma CLI downloads a native schema engine before every command, and these machines
// cannot reach Prisma's binary host (docs/decisions/002-wasm-schema-engine.md). The wasm engine
// inside the `prisma` package is the very engine prisma 7.10.1 uses; the wasm-bindgen glue of
// `@prisma/schema-engine-wasm` (pinned exactly) instantiates it. Its API may change without
// warning, which is why test/integration/migrations.test.ts exercises every call used here.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import {
	bindMigrationAwareSqlAdapterFactory,
	type ErrorRegistry,
	type SqlDriverAdapter,
	type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import type * as GlueModule from '@prisma/schema-engine-wasm/schema_engine_bg'
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm'

const require = createRequire(import.meta.url)

type Glue = typeof GlueModule & {
	__wbg_set_wasm(exports: WebAssembly.Exports): void
}

let gluePromise: Promise<Glue> | undefined

// The glue keeps the wasm instance in module state; one instance serves every engine.
function loadGlue(): Promise<Glue> {
	gluePromise ??= (async () => {
		const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } }
		// Without a registry an engine panic surfaces as an unrelated TypeError.
		g.PRISMA_WASM_PANIC_REGISTRY ??= {
			set_message(message: string) {
				lastPanic = message
			},
		}
		const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as Glue
		const wasmPath = path.join(path.dirname(require.resolve('prisma/package.json')), 'build/schema_engine_bg.wasm')
		const module = await WebAssembly.compile(await readFile(wasmPath))
		const instance = await WebAssembly.instantiate(module, { './schema_engine_bg.js': glue })
		glue.__wbg_set_wasm(instance.exports)
		;(instance.exports.__wbindgen_start as () => void)()
		return glue
	})()
	return gluePromise
}

let lastPanic: string | undefined

export const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] }

export interface EngineHandle {
	engine: SchemaEngine
	/** Turns an engine error into one that says what the database said. */
	explain(error: unknown): Error
	/** Frees the engine and closes every connection it opened (engine.free() does not). */
	close(): Promise<void>
}

/**
 * Starts a schema engine on a driver adapter factory. Connections the engine opens are tracked
 * and disposed on close, because the engine itself leaves them open.
 */
export async function openSchemaEngine(
	factory: SqlMigrationAwareDriverAdapterFactory,
	datamodel?: { path: string; content: string },
): Promise<EngineHandle> {
	const glue = await loadGlue()
	const opened: SqlDriverAdapter[] = []
	const tracking: SqlMigrationAwareDriverAdapterFactory = {
		provider: factory.provider,
		adapterName: factory.adapterName,
		async connect() {
			const adapter = await factory.connect()
			opened.push(adapter)
			return adapter
		},
		async connectToShadowDb() {
			const adapter = await factory.connectToShadowDb()
			opened.push(adapter)
			return adapter
		},
	}
	const bound = bindMigrationAwareSqlAdapterFactory(tracking)
	const engine = await glue.SchemaEngine.new(
		{ datamodels: datamodel ? [[datamodel.path, datamodel.content]] : undefined },
		() => {}, // the engine's tracing log: not needed
		bound,
	).catch((error: unknown) => {
		throw explain(error, bound.errorRegistry)
	})
	return {
		engine,
		explain: (error: unknown) => explain(error, bound.errorRegistry),
		async close() {
			engine.free()
			await Promise.allSettled(opened.map((adapter) => adapter.dispose()))
		},
	}
}

/**
 * An error thrown across the wasm boundary says "External error id#N" where the driver failed:
 * the driver's own error waits in the adapter's registry. Adds it, and any engine panic.
 */
function explain(error: unknown, registry: ErrorRegistry): Error {
	const panic = lastPanic
	lastPanic = undefined
	let message = error instanceof Error ? error.message : JSON.stringify(error)
	const external = /External error id#(\d+)/.exec(message)
	if (external) {
		const record = registry.consumeError(Number(external[1]))
		const cause = record?.error
		const detail = cause instanceof Error ? cause.message : cause === undefined ? undefined : JSON.stringify(cause)
		if (detail) message = `${detail}\n${message}`
	}
	return new Error(panic ? `${message}\nschema engine panic: ${panic}` : message, { cause: error })
}

export type { MigrationList }
