// A row that raw SQL inserts and the Prisma client also writes (the one-statement writes of issue
// 17) comes from one object, the client's `data`: the raw statement takes its columns from that
// object's keys, so a column is listed once. The values cross as one JSON parameter that
// PostgreSQL converts by the table's own column types (jsonb_populate_record), so no cast per
// column (an enum, an integer, a list) has to be kept in step with the schema either.
import { Prisma } from '#app/generated/prisma/client.ts'

/**
 * For `INSERT INTO "Table" (${columns}) SELECT ${columns} FROM ${source} WHERE …`: the columns of
 * `row` and a one-row source of its values, typed as `table`'s row. The model's field names are
 * its column names (the schema maps none); a key that is no column is PostgreSQL's error, a
 * column the row leaves out keeps its default. Dates cross as ISO instants (JSON.stringify).
 */
export function jsonRow(
	table: Prisma.ModelName,
	row: Record<string, unknown>,
): { columns: Prisma.Sql; source: Prisma.Sql } {
	return {
		columns: columnList(table, Object.keys(row)),
		source: Prisma.sql`jsonb_populate_record(NULL::${Prisma.raw(`"${table}"`)}, ${JSON.stringify(row)}::jsonb)`,
	}
}

/**
 * jsonRow for many rows of the same keys (the first row's): one statement of the same text
 * whatever the number of rows. A Prisma `createMany` is compiled anew for every number of rows it
 * is given, 20–50 ms of the event loop for a batch of hundreds (issue 17, the certificate check's
 * written-behind lookups); this is a statement the client sends as it is.
 */
export function jsonRows(
	table: Prisma.ModelName,
	rows: readonly Record<string, unknown>[],
): { columns: Prisma.Sql; source: Prisma.Sql } {
	const first = rows[0]
	if (!first) throw new Error('jsonRows: no rows')
	return {
		columns: columnList(table, Object.keys(first)),
		source: Prisma.sql`jsonb_populate_recordset(NULL::${Prisma.raw(`"${table}"`)}, ${JSON.stringify(rows)}::jsonb)`,
	}
}

function columnList(table: Prisma.ModelName, names: string[]): Prisma.Sql {
	// Names of our own objects, never input; checked anyway, as they are spliced into the SQL.
	for (const name of [table, ...names])
		if (!/^[A-Za-z_]\w*$/.test(name)) throw new Error(`Not a column name: ${JSON.stringify(name)}`)
	return Prisma.raw(names.map((name) => `"${name}"`).join(', '))
}
