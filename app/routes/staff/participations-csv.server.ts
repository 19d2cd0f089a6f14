import { lastDayInRegister } from '#app/domain/register.ts'
import { type CsvColumn, toCsv } from '#app/lib/csv.ts'
import { providerTypeLabel, stateLabel } from '#app/i18n/labels.ts'
import type { TableQuery } from '#app/lib/table-query.ts'
import { type ParticipationRow, participationsForExport } from '#app/services/staff-participations.server.ts'

// The CSV of exactly the rows the table's filters select (the same query string, no paging). A
// Dutch document for the office's spreadsheets, like the invoice export: Dutch headers and labels
// whatever the reader's language.
const columns: CsvColumn<ParticipationRow>[] = [
	{ header: 'Zorgaanbieder', value: (row) => row.provider.name },
	{ header: 'KvK-nummer', value: (row) => row.provider.kvkNumber },
	{ header: 'Plaats', value: (row) => row.provider.city },
	{ header: 'Soort', value: (row) => providerTypeLabel(row.provider.type, 'nl') },
	{ header: 'Jaar', value: (row) => row.year },
	{ header: 'Status', value: (row) => stateLabel(row.state, 'nl') },
	{ header: 'Status sinds', value: (row) => row.stateChangedAt },
	{ header: 'Beoordelaar', value: (row) => row.assessor?.name ?? '' },
	{ header: 'Aanpassing uiterlijk', value: (row) => row.revisionDueAt },
	{ header: 'In register vanaf', value: (row) => row.listedFrom },
	{ header: 'In register t/m', value: (row) => (row.listedUntil ? lastDayInRegister(row.listedUntil) : null) },
	{ header: 'Heraanvrager', value: (row) => row.isReapplicant },
]

/** The CSV text of the rows the filters select (also measured by bench/staff-participations.ts). */
export async function participationsCsv(query: TableQuery, year: number | null): Promise<string> {
	return toCsv(columns, await participationsForExport(query, year))
}
