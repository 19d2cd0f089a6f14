// Statements run straight on the driver adapter the Prisma client uses, past the client's own
// request pipeline (issue 17). A `$queryRaw` goes through Prisma's query interpreter, its compiled
// plan and parameter serialisation, tracing spans and an AsyncResource before the adapter sends one
// line of SQL: in a CPU profile of back-to-back autosaves (two raw statements each) that was ~15 %
// of the server's CPU, more than node-postgres and the database round trip together. The few
// statements every autosave and every signed-in page pays go through `directRows` instead.
//
// The same adapter, so nothing else changes: on PostgreSQL the same pool and named prepared
// statements (pg-prepared.server.ts) and the health check's answer clock; on PGlite the same one
// connection, in its thread or in process, where a Prisma transaction holds the engine's lock as it
// does for Prisma's own statements outside it. For statements outside transactions only.
import {
	type ArgType,
	ColumnTypeEnum,
	type SqlDriverAdapter,
	type SqlDriverAdapterFactory,
	type SqlResultSet,
} from '@prisma/driver-adapter-utils'
import type { Prisma } from '#app/generated/prisma/client.ts'

export interface DirectQueries {
	/** For `new PrismaClient({ adapter })`: the adapter it connects is the one `rows` uses. */
	factory: SqlDriverAdapterFactory
	rows<T>(query: Prisma.Sql): Promise<T[]>
}

/**
 * `factory` noting the adapter Prisma connects. `connect` makes the client connect (it does so
 * lazily, at its first statement), for a direct statement that comes first.
 */
export function withDirectQueries(factory: SqlDriverAdapterFactory, connect: () => Promise<void>): DirectQueries {
	let adapter: SqlDriverAdapter | undefined
	let connecting: Promise<SqlDriverAdapter> | undefined
	const connected = (): SqlDriverAdapter | Promise<SqlDriverAdapter> => {
		if (adapter) return adapter
		connecting ??= connect().then(() => {
			if (!adapter) throw new Error('De database-adapter is niet verbonden')
			return adapter
		})
		return connecting
	}
	return {
		factory: {
			provider: factory.provider,
			adapterName: factory.adapterName,
			async connect() {
				const made = await factory.connect()
				adapter = made
				connecting = undefined
				return made
			},
		},
		async rows<T>(query: Prisma.Sql): Promise<T[]> {
			const values = query.values
			const result = await (
				await connected()
			).queryRaw({
				sql: query.text,
				args: values,
				argTypes: values.map(argTypeOf),
			})
			return objectsOf(result) as T[]
		},
	}
}

/**
 * What the adapters read of an argument's type (their mapArg): a Date is written as a timestamp
 * whatever the type says; a list's elements are mapped one by one. Everything else goes to the
 * driver as it is.
 */
export function argTypeOf(value: unknown): ArgType {
	if (Array.isArray(value)) return { scalarType: 'unknown', arity: 'list' }
	if (value instanceof Date) return { scalarType: 'datetime', arity: 'scalar' }
	if (typeof value === 'boolean') return { scalarType: 'boolean', arity: 'scalar' }
	if (typeof value === 'bigint') return { scalarType: 'bigint', arity: 'scalar' }
	if (typeof value === 'number') return { scalarType: Number.isInteger(value) ? 'int' : 'float', arity: 'scalar' }
	if (typeof value === 'string') return { scalarType: 'string', arity: 'scalar' }
	return { scalarType: 'unknown', arity: 'scalar' }
}

/**
 * The rows as objects, with the values as `$queryRaw` gives them where they differ from the
 * adapter's: timestamps and dates as Date, JSON parsed, 64-bit integers as BigInt. Other columns
 * (numeric stays the driver's text) as the adapter gives them.
 */
export function objectsOf({ columnNames, columnTypes, rows }: SqlResultSet): Record<string, unknown>[] {
	return rows.map((row) => {
		const object: Record<string, unknown> = {}
		for (let index = 0; index < columnNames.length; index++)
			object[columnNames[index]!] = valueOf(row[index], columnTypes[index])
		return object
	})
}

function valueOf(value: unknown, type: number | undefined): unknown {
	if (value === null || value === undefined) return null
	switch (type) {
		case ColumnTypeEnum.DateTime:
		case ColumnTypeEnum.Date:
			return value instanceof Date ? value : new Date(value as string)
		case ColumnTypeEnum.Json:
			return typeof value === 'string' ? JSON.parse(value) : value
		case ColumnTypeEnum.Int64:
			return typeof value === 'bigint' ? value : BigInt(value as string | number)
		default:
			return value
	}
}
