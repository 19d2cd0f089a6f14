// CSV that Dutch Excel opens correctly by double-click: `;` as separator (Excel with Dutch
// regional settings expects it, because `,` is the decimal mark), a UTF-8 byte-order mark (or é
// and ë become mojibake), CRLF line ends, every field quoted. Text that Excel would run as a
// formula (= + - @, tab, CR at the start) gets a leading apostrophe (OWASP "CSV injection").

import { downloadResponse } from './download.ts'

export interface CsvColumn<Row> {
	header: string
	value: (row: Row) => string | number | boolean | Date | null | undefined
}

const BOM = '\uFEFF'
const FORMULA_START = /^[=+\-@\t\r]/
// Instants as Amsterdam wall time 'YYYY-MM-DD HH:MM' (Excel reads it as a date in every locale).
const amsterdam = new Intl.DateTimeFormat('sv-SE', {
	timeZone: 'Europe/Amsterdam',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
})

export function csvField(value: string | number | boolean | Date | null | undefined): string {
	let text: string
	if (value === null || value === undefined) text = ''
	else if (typeof value === 'number') text = Number.isFinite(value) ? String(value).replace('.', ',') : ''
	else if (typeof value === 'boolean') text = value ? 'ja' : 'nee'
	else if (value instanceof Date) text = amsterdam.format(value)
	else text = FORMULA_START.test(value) ? `'${value}` : value
	return `"${text.replace(/"/g, '""')}"`
}

export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): string {
	const lines = [columns.map((column) => csvField(column.header)).join(';')]
	for (const row of rows) lines.push(columns.map((column) => csvField(column.value(row))).join(';'))
	return `${BOM}${lines.join('\r\n')}\r\n`
}

/** A download of the CSV, never cached (it holds personal data). */
export function csvResponse(filename: string, csv: string): Response {
	return downloadResponse(csv, { name: filename, type: 'text/csv; charset=utf-8' })
}
