// Migration scripts must run whole. @prisma/adapter-pg 7.10 splits a script on every ';' (which
// breaks a PL/pgSQL function body such as the audit trail's append-only trigger), and
// pglite-prisma-adapter 0.7.2 does not await its script, so a failing migration would be
// recorded as applied. This wrapper hands the script to the driver in one piece: PostgreSQL's
// simple query protocol runs a multi-statement string as one implicit transaction.
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'

type RunScript = (adapter: SqlDriverAdapter, script: string) => Promise<void>

export function withWholeScripts(
	factory: SqlMigrationAwareDriverAdapterFactory,
	runScript: RunScript,
): SqlMigrationAwareDriverAdapterFactory {
	const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
		new Proxy(adapter, {
			get(target, property, receiver) {
				if (property === 'executeScript') {
					return (script: string) => runScript(target, script)
				}
				const value: unknown = Reflect.get(target, property, receiver)
				return typeof value === 'function' ? value.bind(target) : value
			},
		})
	return {
		provider: factory.provider,
		adapterName: factory.adapterName,
		connect: async () => wrap(await factory.connect()),
		// Shadow databases only come from PGlite (in memory): see pglite.server.ts.
		connectToShadowDb: () => factory.connectToShadowDb(),
	}
}
